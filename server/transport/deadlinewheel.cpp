#include "deadlinewheel.h"

#include <QDeadlineTimer>

namespace javumbo::server {

DeadlineWheel::Entry::~Entry()
{
    if (m_wheel)
        m_wheel->cancel(*this);
}

DeadlineWheel::DeadlineWheel(std::chrono::milliseconds tick, QObject *parent)
    : QObject(parent), m_tick(std::max(tick, std::chrono::milliseconds(1))), m_slots(slotCount, nullptr)
{
    m_sweptTick = nowMs() / m_tick.count();
    m_timer.setInterval(m_tick);
    m_timer.setTimerType(Qt::CoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, &DeadlineWheel::sweep);
}

DeadlineWheel::~DeadlineWheel()
{
    for (Entry *&head : m_slots) {
        while (head)
            unlink(*head);
    }
}

qint64 DeadlineWheel::nowMs()
{
    return QDeadlineTimer::current(Qt::CoarseTimer).deadline();
}

void DeadlineWheel::schedule(Entry &entry, qint64 deadlineMs)
{
    const qint64 tick = std::max(deadlineMs / m_tick.count(), m_sweptTick + 1);
    entry.m_deadlineMs = deadlineMs;
    if (entry.m_wheel == this && entry.m_filedTick <= tick)
        return; // filed early enough: the sweep re-files it when its slot comes round
    if (entry.m_wheel)
        entry.m_wheel->unlink(entry);
    link(entry, tick);
}

void DeadlineWheel::cancel(Entry &entry)
{
    if (entry.m_wheel == this)
        unlink(entry);
}

void DeadlineWheel::link(Entry &entry, qint64 tick)
{
    Entry *&head = m_slots[std::size_t(tick) % slotCount];
    entry.m_wheel = this;
    entry.m_filedTick = tick;
    if (!head) {
        entry.m_previous = entry.m_next = &entry;
        head = &entry;
    } else {
        entry.m_next = head;
        entry.m_previous = head->m_previous;
        head->m_previous->m_next = &entry;
        head->m_previous = &entry;
    }
    if (m_scheduled++ == 0)
        m_timer.start();
}

void DeadlineWheel::unlink(Entry &entry)
{
    Entry *&head = m_slots[std::size_t(entry.m_filedTick) % slotCount];
    if (entry.m_next == &entry) {
        head = nullptr;
    } else {
        entry.m_previous->m_next = entry.m_next;
        entry.m_next->m_previous = entry.m_previous;
        if (head == &entry)
            head = entry.m_next;
    }
    entry.m_wheel = nullptr;
    entry.m_previous = entry.m_next = nullptr;
    if (--m_scheduled == 0)
        m_timer.stop();
}

void DeadlineWheel::sweep()
{
    const qint64 now = nowMs();
    const qint64 currentTick = now / m_tick.count();
    // A late timer (a busy loop) sweeps every slot it missed, but never more than one revolution.
    const qint64 first = std::max(m_sweptTick + 1, currentTick - qint64(slotCount) + 1);
    for (qint64 tick = first; tick <= currentTick; ++tick) {
        Entry *&head = m_slots[std::size_t(tick) % slotCount];
        // Detach the slot's list first: expiring entries may schedule or destroy others.
        std::vector<Entry *> due;
        for (Entry *entry = head; entry;) {
            Entry *next = entry->m_next == head ? nullptr : entry->m_next;
            due.push_back(entry);
            entry = next;
        }
        for (Entry *entry : due)
            unlink(*entry);
        m_sweptTick = tick;
        for (std::size_t i = 0; i < due.size(); ++i) {
            Entry *entry = due[i];
            if (entry->m_wheel)
                continue; // re-scheduled by an earlier one's expiry
            if (entry->m_deadlineMs <= now)
                entry->deadlineReached(now);
            else
                link(*entry, std::max(entry->m_deadlineMs / m_tick.count(), tick + 1));
        }
    }
}

} // namespace javumbo::server
