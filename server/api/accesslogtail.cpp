#include "accesslogtail.h"

#include <algorithm>

namespace javumbo::server {

AccessLogTail::AccessLogTail(int capacity) : m_capacity(std::max(capacity, 1)) { }

void AccessLogTail::append(const AccessLogEntry &entry)
{
    const std::lock_guard lock(m_mutex);
    m_entries.push_back(entry);
    while (int(m_entries.size()) > m_capacity)
        m_entries.pop_front();
}

QList<AccessLogEntry> AccessLogTail::last(int count) const
{
    const std::lock_guard lock(m_mutex);
    const int skip = std::max(0, int(m_entries.size()) - count);
    return QList<AccessLogEntry>(m_entries.begin() + skip, m_entries.end());
}

QList<AccessLogEntry> AccessLogTail::since(qint64 sinceMs) const
{
    const std::lock_guard lock(m_mutex);
    QList<AccessLogEntry> result;
    for (const AccessLogEntry &entry : m_entries) {
        if (entry.timeMs >= sinceMs)
            result.append(entry);
    }
    return result;
}

void AccessLogTail::clear()
{
    const std::lock_guard lock(m_mutex);
    m_entries.clear();
}

} // namespace javumbo::server
