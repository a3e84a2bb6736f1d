#include "userlockguard.h"

#include "userlock.h"

#include <utility>

namespace javumbo {

UserLockGuard::UserLockGuard(UserLock *lock, qint64 userId, double waitedMs)
    : m_lock(lock), m_userId(userId), m_waitedMs(waitedMs)
{ }

UserLockGuard::~UserLockGuard()
{
    release();
}

UserLockGuard::UserLockGuard(UserLockGuard &&other) noexcept
    : m_lock(std::exchange(other.m_lock, nullptr)), m_userId(other.m_userId), m_waitedMs(other.m_waitedMs)
{ }

UserLockGuard &UserLockGuard::operator=(UserLockGuard &&other) noexcept
{
    if (this != &other) {
        release();
        m_lock = std::exchange(other.m_lock, nullptr);
        m_userId = other.m_userId;
        m_waitedMs = other.m_waitedMs;
    }
    return *this;
}

bool UserLockGuard::isLocked() const
{
    return m_lock != nullptr;
}

qint64 UserLockGuard::userId() const
{
    return m_userId;
}

double UserLockGuard::waitedMs() const
{
    return m_waitedMs;
}

void UserLockGuard::release()
{
    if (UserLock *lock = std::exchange(m_lock, nullptr))
        lock->release();
}

} // namespace javumbo
