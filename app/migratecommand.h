#pragma once

#include <QStringList>

namespace javumbo::app {

// `javumbo migrate --from DATA_DIR --to CONNECTION` (or the reverse): copies a
// whole installation between SQLite and PostgreSQL (docs/postgresql.md §6). Exit 0 when every
// user was copied and verified, 1 on a failure (what was committed stays:
// running it again resumes), 2 on a usage error.
int runMigrate(const QStringList &arguments);

} // namespace javumbo::app
