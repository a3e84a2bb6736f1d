#pragma once

#include <QString>

namespace javumbo {

// The process's limit on open file descriptors (RLIMIT_NOFILE).
struct OpenFileLimit
{
    quint64 soft = 0;
    quint64 hard = 0;
};

// Raises the soft limit to the hard one. A server holds a descriptor per
// connection and per open collection, and a fresh Debian 12 shell starts
// with a soft limit of 1024 (systemd units get more through LimitNOFILE):
// under that limit the 1,025th descriptor fails as "unable to open database
// file" or a refused connection. Raising the soft limit needs no privilege.
// Returns the limit in force afterwards.
OpenFileLimit raiseOpenFileLimit();

// What a server that allows `maxConnections` clients should tell its admin
// about `limit`: empty when the limit leaves room for them plus the
// collections and files the server itself keeps open.
QString openFileLimitWarning(const OpenFileLimit &limit, int maxConnections);

} // namespace javumbo
