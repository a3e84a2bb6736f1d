#pragma once

#include "common/result.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <map>
#include <mutex>

namespace javumbo {

// Collections found damaged, taken out of service until an administrator
// restores them (issue 14, README "Admins"). A quarantined file is never
// opened again by this process: every read and write of its user answers
// 503 storage_corrupt with userMessage(), while other users go on. The mark
// is a file beside the collection (user_N.db.quarantined, saying why and
// when), so a restart keeps refusing; `javumbo restore` removes it, and
// `javumbo check-data` lists it. Thread-safe.
class Quarantine
{
public:
    static QString markerPath(const QString &collectionPath);
    static QString userMessage();

    bool contains(const QString &collectionPath);
    // Marks the file, logs why (with SQLite's own words, which the user never
    // sees) and counts it. Returns the error the request answers.
    Error add(const QString &collectionPath, const QString &reason);
    quint64 detections() const { return m_detections.load(); }
    int size();

private:
    std::mutex m_mutex;
    std::map<QString, bool> m_known; // guarded by m_mutex: path -> quarantined, as last seen
    std::atomic<quint64> m_detections {0};
};

} // namespace javumbo
