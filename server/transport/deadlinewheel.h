#pragma once

#include <QObject>
#include <QTimer>

#include <chrono>
#include <functional>
#include <vector>

namespace javumbo::server {

// One coarse timer for the deadlines of every connection, instead of a QTimer each: Qt keeps a
// thread's timers in one list, so restarting one of 10,000 costs a search through all of them,
// on every request (docs/platform-notes.md §29). Here a deadline that moves later costs one
// store; an entry is looked at again only when its slot comes round, and then either expires
// or is filed under its new deadline. So the work is proportional to what expires, not to what
// is open. Deadlines fire up to one tick late.
//
// Entries are intrusive (a connection embeds one) and unlink themselves when destroyed.
// Single-threaded: the thread the wheel lives in.
class DeadlineWheel : public QObject
{
    Q_OBJECT

public:
    class Entry
    {
    public:
        Entry() = default;
        virtual ~Entry();
        Entry(const Entry &) = delete;
        Entry &operator=(const Entry &) = delete;

        // Called once the deadline has passed; the entry is no longer scheduled. It may schedule
        // itself again, but must not destroy other entries synchronously.
        virtual void deadlineReached(qint64 nowMs) = 0;
        qint64 deadlineMs() const { return m_deadlineMs; }

    private:
        friend class DeadlineWheel;
        DeadlineWheel *m_wheel = nullptr;
        Entry *m_previous = nullptr;
        Entry *m_next = nullptr;
        qint64 m_deadlineMs = 0;
        qint64 m_filedTick = 0; // the tick of the slot it is linked into
    };

    explicit DeadlineWheel(std::chrono::milliseconds tick, QObject *parent = nullptr);
    ~DeadlineWheel() override;

    // Milliseconds on the wheel's monotonic clock.
    static qint64 nowMs();
    std::chrono::milliseconds tick() const { return m_tick; }

    // Sets (or moves) the entry's deadline. Later than before: O(1) without relinking.
    void schedule(Entry &entry, qint64 deadlineMs);
    void cancel(Entry &entry);
    bool isScheduled(const Entry &entry) const { return entry.m_wheel == this; }

private:
    static constexpr std::size_t slotCount = 512;

    void link(Entry &entry, qint64 tick);
    void unlink(Entry &entry);
    void sweep();

    std::chrono::milliseconds m_tick;
    std::vector<Entry *> m_slots; // heads of circular lists, or null
    qint64 m_sweptTick = 0; // every slot up to this tick has been swept
    std::size_t m_scheduled = 0;
    QTimer m_timer;
};

} // namespace javumbo::server
