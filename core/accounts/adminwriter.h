#pragma once

#include "common/result.h"
#include "storage/connection.h"

#include <QString>

#include <functional>
#include <mutex>

namespace javumbo {

// The one way to write admin.db. SQLite's write lock is not a queue
// (docs/platform-notes.md §14): many threads polling it starve each other into
// busy timeouts. Writers of one file in this process therefore queue on a
// mutex first, and busy_timeout remains a safety net against other processes.
// Cheap to copy; every copy for one path shares the same mutex. (A timed
// mutex: the wait for it is bounded like every other in Javumbo.)
class AdminWriter
{
public:
    using Work = std::function<Result<void>(storage::Connection &connection)>;
    // The longest a writer waits for its turn, like SQLite's busy_timeout.
    static constexpr int kMaxWaitMs = 5000;

    explicit AdminWriter(const QString &adminDbPath);

    const QString &path() const { return m_path; }
    // Held by writers that need more control than run() gives.
    std::timed_mutex &mutex() const { return *m_mutex; }

    // Runs `work` in one Transaction on the calling thread's connection and
    // commits only if it succeeded.
    Result<void> run(const Work &work) const;

private:
    QString m_path;
    // Guards no member: every write transaction on the admin.db at m_path
    // in this process runs holding it (run(), AccountStore::registerUser).
    std::timed_mutex *m_mutex;
};

} // namespace javumbo
