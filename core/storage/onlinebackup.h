#pragma once

#include "common/result.h"

#include <QString>

namespace javumbo::storage {

// Copies a live SQLite file with SQLite's backup API: one read transaction,
// so the copy is the file as of one instant, with every commit that the WAL
// holds and none half-made, while writers go on (WAL lets them). Never a
// byte copy of a file whose newest pages sit in a -wal beside it.
//
// The copy is written to `destination`.part, synced and renamed into place:
// a destination that exists is always whole.
Result<void> backupDatabase(const QString &source, const QString &destination);

// Replaces the content of the live database `destination` with `source`'s,
// through SQLite (the backup API writing into it as one transaction): the
// file keeps its identity, its WAL stays coherent, and connections other
// threads hold see the restored content on their next read. For restoring a
// collection that is open (the desktop app's Profile > Restore). The caller
// holds the user's lock so no write of ours interleaves.
Result<void> restoreInto(const QString &source, const QString &destination);

} // namespace javumbo::storage
