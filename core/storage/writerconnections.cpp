#include "writerconnections.h"

#include <QFileInfo>

#include <vector>

namespace javumbo::storage {

thread_local WriterConnections::Pin WriterConnections::t_pin;

WriterConnections::WriterConnections(int maxOpen) : m_maxOpen(maxOpen) { }

WriterConnections::~WriterConnections()
{
    std::lock_guard guard(m_mutex);
    m_slots.clear(); // each slot's cache closes its connection
}

void WriterConnections::pinOnThisThread(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (t_pin.owner == this && t_pin.path == absolute)
        return;
    unpinOnThisThread();
    std::vector<std::unique_ptr<Slot>> closing;
    {
        std::lock_guard guard(m_mutex);
        std::unique_ptr<Slot> &slot = m_slots[absolute];
        if (!slot)
            slot = std::make_unique<Slot>();
        if (slot->pinned)
            return;
        slot->pinned = true;
        slot->lastUse = ++m_useCounter;
        t_pin = {this, absolute, slot.get()};
        evictBeyondLimit(closing);
    }
}

void WriterConnections::unpinOnThisThread()
{
    if (!t_pin.owner)
        return;
    {
        std::lock_guard guard(t_pin.owner->m_mutex);
        t_pin.slot->pinned = false;
    }
    t_pin = {};
}

ConnectionCache *WriterConnections::pinnedCache(const QString &absolutePath)
{
    return t_pin.owner && t_pin.path == absolutePath ? &t_pin.slot->cache : nullptr;
}

int WriterConnections::openCount() const
{
    std::lock_guard guard(m_mutex);
    int open = 0;
    for (const auto &[path, slot] : m_slots)
        open += slot->cache.size();
    return open;
}

void WriterConnections::evictBeyondLimit(std::vector<std::unique_ptr<Slot>> &closing)
{
    while (int(m_slots.size()) > m_maxOpen) {
        auto oldest = m_slots.end();
        for (auto it = m_slots.begin(); it != m_slots.end(); ++it) {
            if (!it->second->pinned
                && (oldest == m_slots.end() || it->second->lastUse < oldest->second->lastUse))
                oldest = it;
        }
        if (oldest == m_slots.end())
            return; // every slot is in use: over the limit until some unpin
        closing.push_back(std::move(oldest->second));
        m_slots.erase(oldest);
    }
}

} // namespace javumbo::storage
