#pragma once

#include <QDateTime>
#include <QString>

#include <chrono>
#include <mutex>

namespace javumbo {

// `javumbo serve --backup-dir DIR --backup-every 6h --backup-keep N`: a
// DataBackup into DIR/javumbo-backup-<time>/ on the Housekeeper's thread,
// then the oldest beyond N removed. Each run is logged with its duration;
// /metrics shows the age of the last good one and how long it took, so an
// alert can fire when backups stop. Thread-safe.
class ScheduledBackups
{
public:
    struct Options
    {
        QString dataDir;
        QString backupDir; // empty: no scheduled backups
        std::chrono::milliseconds every {std::chrono::hours(6)};
        int keep = 7;
        QString javumboVersion;
    };
    struct Stats
    {
        QDateTime lastSuccess; // invalid until one succeeded
        double lastSeconds = 0;
        quint64 successes = 0;
        quint64 failures = 0;
    };

    explicit ScheduledBackups(Options options);
    bool enabled() const { return !m_options.backupDir.isEmpty(); }
    const Options &options() const { return m_options; }
    // Takes one backup now (the Housekeeper's job); false when it failed (logged).
    bool runOnce();
    Stats stats() const;

private:
    const Options m_options;
    mutable std::mutex m_mutex;
    Stats m_stats; // guarded by m_mutex
};

} // namespace javumbo
