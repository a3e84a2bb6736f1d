#pragma once

#include "common/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace javumbo {

// `javumbo check-data`: what an admin runs after a crash, a disk error or a
// restore, and before an upgrade (README "Admins"). Read-only: it opens no
// file for writing, so it also runs on a read-only data directory and beside
// a running server.
struct DataCheckReport
{
    struct Finding
    {
        QString file; // relative to the data directory, or "" for the whole
        QString
            problem; // integrity, schema, orphan-collection, missing-collection, oversized-wal, quarantined
        QString detail;
    };
    int filesChecked = 0;
    int accounts = 0;
    int collections = 0;
    QList<Finding> findings;

    bool ok() const { return findings.isEmpty(); }
    QJsonObject toJson() const;
    QString toText() const;
};

class DataCheck
{
public:
    // A WAL larger than this means checkpoints are not keeping up (or a
    // reader pinned them); SQLite's own safety net is 4,000 pages (16 MiB).
    static constexpr qint64 kOversizedWalBytes = 64LL * 1024 * 1024;

    static Result<DataCheckReport> run(const QString &dataDir);
};

} // namespace javumbo
