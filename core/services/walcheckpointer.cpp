#include "walcheckpointer.h"

#include "storage/database.h"
#include "storage/filecheck.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;

namespace javumbo {

namespace {

Q_LOGGING_CATEGORY(lcCheckpoint, "javumbo.storage.checkpoint")

struct PassResult
{
    bool ok = false;
    bool busy = false;
    int walFrames = 0;
    int checkpointedFrames = 0;
};

PassResult passiveCheckpoint(storage::Connection &connection)
{
    storage::Query query(connection, u"PRAGMA wal_checkpoint(PASSIVE)"_s, storage::Query::Caching::Uncached);
    PassResult result;
    if (auto done = query.exec(); !done) {
        qCWarning(lcCheckpoint).noquote()
            << u"checkpoint of %1 failed: %2"_s.arg(connection.path(), done.error().message);
        return result;
    }
    if (!query.next())
        return result;
    result.ok = true;
    result.busy = query.int32(0) != 0;
    result.walFrames = query.int32(1);
    result.checkpointedFrames = query.int32(2);
    return result;
}

} // namespace

WalCheckpointer::WalCheckpointer(UserLockRegistry &locks, Options options)
    : m_locks(locks), m_options(options), m_thread([this](std::stop_token stop) { loop(stop); })
{ }

WalCheckpointer::~WalCheckpointer()
{
    m_thread.request_stop(); // wakes m_wake through the stop token
    m_thread.join();
}

void WalCheckpointer::noteWrite(const QString &path, qint64 userId)
{
    std::lock_guard guard(m_mutex);
    // Only the first note after an idle spell wakes the thread; it then polls.
    const bool wasIdle = m_dirty.empty();
    if (auto it = m_dirty.find(path); it != m_dirty.end())
        ++it->second.writes;
    else
        m_dirty.emplace(path, Pending {userId, 1, std::chrono::steady_clock::now()});
    if (wasIdle)
        m_wake.notify_one();
}

void WalCheckpointer::checkpointNow()
{
    std::unique_lock guard(m_mutex);
    // A round already running may have taken its files before our caller's
    // writes were noted, so wait for the one after it.
    const quint64 target = m_roundsStarted + 1;
    m_hurry = true;
    m_wake.notify_one();
    m_roundDone.wait(
        guard, [&] { return m_stats.rounds >= target || m_thread.get_stop_token().stop_requested(); });
}

WalCheckpointer::Stats WalCheckpointer::stats() const
{
    std::lock_guard guard(m_mutex);
    return m_stats;
}

std::map<QString, WalCheckpointer::Pending> WalCheckpointer::takeDue(bool everything)
{
    const auto oldest = std::chrono::steady_clock::now() - m_options.maxDelay;
    std::map<QString, Pending> due;
    for (auto it = m_dirty.begin(); it != m_dirty.end();) {
        if (everything || it->second.writes >= m_options.writesPerCheckpoint || it->second.since <= oldest) {
            due.insert(m_dirty.extract(it++));
        } else {
            ++it;
        }
    }
    return due;
}

void WalCheckpointer::loop(std::stop_token stop)
{
    std::unique_lock guard(m_mutex);
    while (!stop.stop_requested()) {
        m_wake.wait(guard, stop, [&] { return !m_dirty.empty() || m_hurry; });
        if (!m_hurry)
            m_wake.wait_for(guard, stop, m_options.interval, [&] { return m_hurry; });
        if (stop.stop_requested())
            break;
        ++m_roundsStarted;
        std::map<QString, Pending> files = takeDue(std::exchange(m_hurry, false));
        guard.unlock();

        std::map<QString, Pending> again;
        for (const auto &[path, pending] : files) {
            if (checkpoint(path, pending.userId))
                again.emplace(path, pending);
        }

        guard.lock();
        for (const auto &[path, pending] : again) {
            // Writes noted meanwhile keep their count; the older start wins.
            auto [it, inserted] = m_dirty.try_emplace(path, pending);
            if (!inserted) {
                it->second.writes += pending.writes;
                it->second.since = std::min(it->second.since, pending.since);
            }
        }
        ++m_stats.rounds;
        m_roundDone.notify_all();
    }
    guard.unlock();
    storage::Database::closeAllOnThisThread();
    m_roundDone.notify_all();
}

bool WalCheckpointer::checkpoint(const QString &path, qint64 userId)
{
    const auto tally = [this](quint64 Stats::*passes, bool ok) {
        std::lock_guard guard(m_mutex);
        if (passes)
            ++(m_stats.*passes);
        m_stats.failures += ok ? 0 : 1;
    };
    // No schema initialiser: the writer that noted the file has checked it.
    auto opened = storage::Database::open(path, storage::OpenMode::ReadWrite, nullptr);
    if (!opened) {
        tally(nullptr, false);
        return false; // deleted or unreadable: the next write notes it again
    }
    storage::Connection &connection = *opened.value();
    // What the checkpoint writes into the main file is ours, not damage (FileWatch).
    const storage::FileStamp before = storage::FileStamp::of(path);
    PassResult pass = passiveCheckpoint(connection);
    storage::FileWatch::instance().noteOwnWrite(path, before);
    tally(&Stats::passivePasses, pass.ok);
    if (!pass.ok)
        return false;
    const bool unfinished = pass.checkpointedFrames < pass.walFrames;
    if (!unfinished || userId == 0 || pass.walFrames < m_options.lockedPassFrames)
        return unfinished;

    // Writers kept appending during the pass: finish it while none can.
    UserLockGuard held = m_locks.acquire(userId, m_options.lockWait);
    if (!held.isLocked())
        return true;
    const storage::FileStamp beforeLocked = storage::FileStamp::of(path);
    pass = passiveCheckpoint(connection);
    storage::FileWatch::instance().noteOwnWrite(path, beforeLocked);
    held.release();
    tally(&Stats::lockedPasses, pass.ok);
    return pass.ok && pass.checkpointedFrames < pass.walFrames;
}

} // namespace javumbo
