#pragma once

#include <QString>

namespace javumbo::gui {

// Anki's short interval labels: "<1m", "10m", "3h", "1d", "2.5mo", "1.1y".
QString formatInterval(qint64 seconds);

} // namespace javumbo::gui
