#pragma once

#include <QtGlobal>

namespace javumbo {

// A snapshot of one user's lock, for metrics and the admin view.
struct UserLockStats
{
    qint64 userId = 0;
    int waiters = 0; // threads queued right now
    quint64 acquisitions = 0; // successful acquisitions, contended or not
    quint64 contended = 0; // acquisitions that had to queue behind a holder
    quint64 combined = 0; // of those, tasks a holder ran for the waiter (UserLock::run)
    quint64 timeouts = 0; // attempts that gave up, including 0 ms try-locks
    double maxWaitMs = 0.0; // longest wait of a successful acquisition
    double maxHoldMs = 0.0; // longest time between acquisition and release
    bool held = false;
};

} // namespace javumbo
