#pragma once

#include <QString>

namespace javumbo::gui {

// The desktop's colours: follow the system (the platform's style and
// palette, as the app started), or Fusion with a light or a dark palette.
enum class Theme
{
    System,
    Light,
    Dark,
};

Theme savedTheme(); // QSettings "ui/theme"
void saveTheme(Theme theme);
// Applies to the whole application; widgets repaint themselves.
void applyTheme(Theme theme);
QString themeName(Theme theme);

} // namespace javumbo::gui
