#pragma once

#include "locking/userlockregistry.h"

// What the lock tests read from a registry's statistics while threads queue.
namespace javumbo::lockprobes {

inline int waitersOf(const UserLockRegistry &registry, qint64 userId)
{
    const auto stats = registry.statistics(userId);
    return stats ? stats->waiters : -1;
}

inline bool isHeld(const UserLockRegistry &registry, qint64 userId)
{
    const auto stats = registry.statistics(userId);
    return stats && stats->held;
}

} // namespace javumbo::lockprobes
