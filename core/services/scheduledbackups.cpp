#include "scheduledbackups.h"

#include "databackup.h"

#include <QDir>
#include <QElapsedTimer>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

namespace javumbo {

namespace {
Q_LOGGING_CATEGORY(lcBackup, "javumbo.backup")
}

ScheduledBackups::ScheduledBackups(Options options) : m_options(std::move(options)) { }

bool ScheduledBackups::runOnce()
{
    if (!enabled())
        return false;
    QElapsedTimer timer;
    timer.start();
    const QString folder = QDir(m_options.backupDir)
                               .filePath(DataBackup::scheduledFolderName(QDateTime::currentDateTimeUtc()));
    QDir().mkpath(m_options.backupDir);
    auto made = DataBackup::create(m_options.dataDir, folder, m_options.javumboVersion);
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    std::lock_guard guard(m_mutex);
    if (!made) {
        ++m_stats.failures;
        QDir(folder).removeRecursively();
        qCWarning(lcBackup).noquote()
            << u"scheduled backup failed after %1 s: %2"_s.arg(seconds, 0, 'f', 2).arg(made.error().message);
        return false;
    }
    ++m_stats.successes;
    m_stats.lastSuccess = QDateTime::currentDateTimeUtc();
    m_stats.lastSeconds = seconds;
    DataBackup::prune(m_options.backupDir, m_options.keep);
    qCInfo(lcBackup).noquote() << u"backup %1: %2 files in %3 s (keeping the newest %4)"_s.arg(folder)
                                      .arg(made->files.size())
                                      .arg(seconds, 0, 'f', 2)
                                      .arg(m_options.keep);
    return true;
}

ScheduledBackups::Stats ScheduledBackups::stats() const
{
    std::lock_guard guard(m_mutex);
    return m_stats;
}

} // namespace javumbo
