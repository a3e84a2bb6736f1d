#pragma once

#include <QStringList>

namespace javumbo::app {

// `javumbo` without a mode: the desktop app over the local data directory.
// Needs a QApplication.
int runGui(const QStringList &arguments);

} // namespace javumbo::app
