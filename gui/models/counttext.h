#pragma once

#include <QString>

namespace javumbo::gui {

// "1 card", "2 cards", "0 cards": a count with the noun in the right number.
QString counted(qint64 count, const QString &singular, const QString &plural);

} // namespace javumbo::gui
