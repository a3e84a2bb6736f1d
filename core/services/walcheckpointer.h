#pragma once

#include "locking/userlockregistry.h"

#include <QString>

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

namespace javumbo {

// Outside the class for the same reason as UserLockRegistryOptions (CWG 1397).
struct WalCheckpointerOptions
{
    // How often the thread looks at the files written since their last
    // checkpoint.
    std::chrono::milliseconds interval {50};
    // A file is checkpointed once this many commits have gathered (about five
    // WAL pages each for a new card: near SQLite's own 1,000-page point), or
    // once its oldest unsaved commit is maxDelay old. Every checkpoint syncs
    // two files, so checkpointing after every round of commits would cost
    // more than it saves.
    int writesPerCheckpoint = 200;
    std::chrono::milliseconds maxDelay {1000};
    // WAL length (pages) from which an unfinished checkpoint is completed
    // under the user's lock.
    int lockedPassFrames = 2000;
    // How long that pass may wait for the lock; it is retried next round.
    std::chrono::milliseconds lockWait {100};
};

// Checkpoints the WAL of recently written collections on its own thread, so
// requests never do.
//
// With SQLite's default, the commit that pushes a WAL past 1,000 pages runs
// the checkpoint itself: it copies pages into the database file and syncs
// both files while its caller, and every request queued behind that user's
// lock, waits. On POST /cards (tests/bench/serverbench.sh) that cost about a
// third of the throughput and put p99 at 60–140 ms. Connections now leave
// checkpoints to this thread (storage/database.cpp keeps SQLite's own at
// 4,000 pages only as a safety net).
//
// A PASSIVE checkpoint runs beside the writers. It cannot finish while a
// writer appends, and only a finished checkpoint lets the next commit start
// the WAL over; so when a WAL stays long, one more pass runs holding that
// user's lock, which is brief because the passive pass copied nearly
// everything already. Thread-safe.
class WalCheckpointer
{
public:
    using Options = WalCheckpointerOptions;
    struct Stats
    {
        quint64 rounds = 0;
        quint64 passivePasses = 0;
        quint64 lockedPasses = 0;
        quint64 failures = 0; // logged in javumbo.storage; the file is retried on its next write
    };

    explicit WalCheckpointer(UserLockRegistry &locks, Options options = {});
    // Stops the thread, which closes its connections; pending files are left
    // to SQLite, which checkpoints when the last connection closes.
    ~WalCheckpointer();
    Q_DISABLE_COPY_MOVE(WalCheckpointer)

    // After a commit to `path`; userId 0 for a file no user lock guards.
    void noteWrite(const QString &path, qint64 userId);
    // Checkpoints every file with noted writes now, whatever their number and
    // age, and returns once every write noted before the call is checkpointed
    // (as far as a passive pass can; see lockedPassFrames).
    void checkpointNow();
    Stats stats() const;

private:
    struct Pending
    {
        qint64 userId = 0;
        int writes = 0;
        std::chrono::steady_clock::time_point since;
    };
    // Under m_mutex: takes the files due now (all of them when `everything`).
    std::map<QString, Pending> takeDue(bool everything);
    void loop(std::stop_token stop);
    // Returns whether the file still needs a pass.
    bool checkpoint(const QString &path, qint64 userId);

    UserLockRegistry &m_locks;
    const Options m_options;

    mutable std::mutex m_mutex;
    std::condition_variable_any m_wake; // waited on with m_mutex
    std::condition_variable m_roundDone; // waited on with m_mutex
    // Guarded by m_mutex:
    std::map<QString, Pending> m_dirty; // by path
    bool m_hurry = false;
    quint64 m_roundsStarted = 0;
    Stats m_stats;

    std::jthread m_thread; // last: starts after everything it uses exists
};

} // namespace javumbo
