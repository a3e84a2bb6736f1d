#include "openfilelimit.h"

#include <sys/resource.h>

using namespace Qt::StringLiterals;

namespace javumbo {

namespace {

// Descriptors a server needs beside its connections: databases with their
// WAL and shared-memory files, log files, the listening socket, pipes.
constexpr quint64 kServerOwnDescriptors = 256;

} // namespace

OpenFileLimit raiseOpenFileLimit()
{
    rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return {};
    if (limit.rlim_cur < limit.rlim_max) {
        rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0)
            limit = raised;
    }
    return {quint64(limit.rlim_cur), quint64(limit.rlim_max)};
}

QString openFileLimitWarning(const OpenFileLimit &limit, int maxConnections)
{
    const quint64 needed = quint64(std::max(maxConnections, 0)) + kServerOwnDescriptors;
    if (limit.soft == 0 || limit.soft >= needed)
        return {};
    return u"the open-file limit is %1 (hard limit %2), below the %3 that --max-connections %4 needs;"
           " clients beyond about %5 connections will be refused. Raise the hard limit"
           " (LimitNOFILE= in a systemd unit, or /etc/security/limits.conf) or lower --max-connections."_s
               .arg(limit.soft)
               .arg(limit.hard)
               .arg(needed)
               .arg(maxConnections)
               .arg(limit.soft > kServerOwnDescriptors ? limit.soft - kServerOwnDescriptors : 0);
}

} // namespace javumbo
