#pragma once

#include <QStringList>

namespace javumbo::app {

// `javumbo backup --data-dir DIR --to DEST`: a consistent backup while the server runs.
int runBackup(const QStringList &arguments);
// `javumbo restore --from BACKUP --data-dir DIR [--user NAME] [--force]`: with the server stopped.
int runRestore(const QStringList &arguments);
// `javumbo check-data --data-dir DIR [--json]`: exit 0 when everything is sound, 1 otherwise.
int runCheckData(const QStringList &arguments);

} // namespace javumbo::app
