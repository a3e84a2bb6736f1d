#pragma once

#include "accesslog.h"

#include <QList>

#include <deque>
#include <mutex>

namespace javumbo::server {

// The last few access-log entries in memory, for a live view (the desktop
// app's server panel). Appended on the server thread, read from any other:
// thread-safe, bounded, and never touches a file.
class AccessLogTail
{
public:
    explicit AccessLogTail(int capacity = 2000);

    void append(const AccessLogEntry &entry);
    // The newest `count` entries, oldest first.
    QList<AccessLogEntry> last(int count) const;
    // Entries that started at or after `sinceMs`, oldest first (bounded by the capacity).
    QList<AccessLogEntry> since(qint64 sinceMs) const;
    void clear();

private:
    const int m_capacity;
    mutable std::mutex m_mutex;
    // Guarded by m_mutex:
    std::deque<AccessLogEntry> m_entries;
};

} // namespace javumbo::server
