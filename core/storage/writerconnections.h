#pragma once

#include "connectioncache.h"

#include <QString>

#include <map>
#include <memory>
#include <mutex>

namespace javumbo::storage {

// One connection per file for all of its writes, whichever thread runs them.
//
// Why: SQLite drops a connection's whole page cache when another connection
// has committed to the file since its last transaction. With each pool thread
// writing through its own connection, a user's consecutive writes nearly
// always landed on a connection that another one had just outdated, so every
// POST /cards re-read its B-tree pages (13.6 preads per request against 1.9
// through one connection; tests/bench/cardsbench.sh, docs/architecture.md §3.4).
//
// How: the thread that holds the lock serialising a file's writers (the
// user's lock) pins the file; until it unpins, Database::open() on that thread
// returns the file's writer connection instead of the thread's own. A pinned
// connection is used by one thread at a time, which SQLite allows in its
// multi-thread and serialized modes alike. Reads outside the lock keep
// their threads' connections. Thread-safe.
class WriterConnections
{
public:
    // At most this many files keep a writer connection; the least recently
    // used unpinned one beyond it is closed.
    explicit WriterConnections(int maxOpen = 128);
    ~WriterConnections(); // no thread may hold a pin
    WriterConnections(const WriterConnections &) = delete;
    WriterConnections &operator=(const WriterConnections &) = delete;

    // Makes `path`'s writer connection the one Database::open(path) returns on
    // the calling thread until unpinOnThisThread(). The caller must hold the
    // lock that serialises the file's writers. A repeated pin of the same file
    // is a no-op; if another thread holds the file's pin (a writer that skipped
    // the lock), nothing is pinned and the thread's own connection serves.
    void pinOnThisThread(const QString &path);
    static void unpinOnThisThread();

    // The cache holding the calling thread's pinned connection to
    // `absolutePath`, or null when that file is not pinned here.
    static ConnectionCache *pinnedCache(const QString &absolutePath);

    int openCount() const;

private:
    struct Slot
    {
        ConnectionCache cache; // holds at most this file's connection
        bool pinned = false;
        quint64 lastUse = 0;
    };
    // Removes the least recently used unpinned slots beyond the limit; their
    // connections close after the mutex is released.
    void evictBeyondLimit(std::vector<std::unique_ptr<Slot>> &closing);

    // The calling thread's pin: whose slot, for which file.
    struct Pin
    {
        WriterConnections *owner = nullptr;
        QString path;
        Slot *slot = nullptr;
    };
    static thread_local Pin t_pin;

    const int m_maxOpen;
    mutable std::mutex m_mutex;
    std::map<QString, std::unique_ptr<Slot>> m_slots;
    quint64 m_useCounter = 0;
};

} // namespace javumbo::storage
