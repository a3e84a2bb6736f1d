#pragma once

#include <QString>

namespace javumbo::integrity {

// The tag of "[MARKER:<tag>]" in a card's back: the identity of the card the
// load tester attempted. Empty when the text carries no marker.
QString markerOf(const QString &back);

} // namespace javumbo::integrity
