#pragma once

namespace javumbo {

// Per-thread account of what the current request spent waiting for user
// locks. A request runs on one pool thread from start to end, so the HTTP
// wrapper resets it before the handler and reads it afterwards for the access
// log, without threading a parameter through every service call.
class RequestTrace
{
public:
    static void reset();
    static void addLockWait(double milliseconds);
    static double lockWaitMs();
};

} // namespace javumbo
