#pragma once

#include <QtGlobal>

namespace javumbo {

class UserLock;
class UserLockRegistry;

// Holds one user's lock until destroyed or released; move-only.
//
// A guard from a timed-out acquisition holds nothing (isLocked() is false)
// but still reports the user and how long it waited, for the access log.
// A guard must not outlive the registry that issued it.
class UserLockGuard
{
public:
    UserLockGuard() = default;
    ~UserLockGuard();
    UserLockGuard(UserLockGuard &&other) noexcept;
    UserLockGuard &operator=(UserLockGuard &&other) noexcept;
    UserLockGuard(const UserLockGuard &) = delete;
    UserLockGuard &operator=(const UserLockGuard &) = delete;

    bool isLocked() const;
    qint64 userId() const;
    // How long this acquisition waited in the queue, in milliseconds.
    double waitedMs() const;
    // Releases early; afterwards the guard holds nothing. Safe to call twice.
    void release();

private:
    friend class UserLockRegistry;
    UserLockGuard(UserLock *lock, qint64 userId, double waitedMs);

    UserLock *m_lock = nullptr;
    qint64 m_userId = 0;
    double m_waitedMs = 0.0;
};

} // namespace javumbo
