#pragma once

#include "common/result.h"

#include <QLockFile>
#include <QString>

#include <memory>

namespace javumbo::hosting {

// The data directory given on the command line or the platform's default
// (QStandardPaths::AppDataLocation), checked to be writable.
Result<QString> resolveDataDirectory(const QString &given);
// As resolveDataDirectory(), for commands that only read (users list,
// check-data, backup): the directory must exist, writable or not.
Result<QString> existingDataDirectory(const QString &given);

// The server's claim on a data directory: one QLockFile, so a second server
// on the same files is refused; a stale lock of a dead process is taken over.
Result<std::unique_ptr<QLockFile>> claimDataDirectory(const QString &dataDir);

} // namespace javumbo::hosting
