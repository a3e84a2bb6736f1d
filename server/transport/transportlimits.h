#pragma once

#include <QByteArray>
#include <QList>
#include <QtGlobal>

#include <chrono>

namespace javumbo::server {

// What the transport guard allows a client before QtHttpServer's parser sees its bytes.
struct TransportLimits
{
    int maxConnections = 1024;
    // Long enough for a request whose handler takes seconds: the timer only sees socket traffic.
    std::chrono::milliseconds idleTimeout {60000};
    qint64 maxBodyBytes = 1 << 20;
    // The routes whose bodies may be larger (file uploads, API.md "Import and export"), by exact path.
    QList<std::pair<QByteArray, qint64>> largeBodyPaths {
        {"/api/v1/import", qint64(100) << 20}, {"/api/v1/export", qint64(100) << 20}};
    qint64 maxBodyBytesFor(QByteArrayView path) const
    {
        for (const auto &[prefix, limit] : largeBodyPaths) {
            if (path == prefix)
                return limit;
        }
        return maxBodyBytes;
    }
    // The whole head: request line, header lines and the empty line that ends them.
    qint64 maxHeaderBytes = 64 * 1024;
    int maxHeaderFields = 100;
    // How long a refused or idle connection may take to close politely before it is aborted.
    std::chrono::milliseconds closeTimeout {2000};
};

// What the guard has done since it started listening; a snapshot, see GuardedTcpServer::counters().
struct TransportCounters
{
    quint64 accepted = 0; // connections handed to the HTTP server
    quint64 rejectedHeaders = 0; // 431
    quint64 rejectedBodies = 0; // 413
    quint64 rejectedLengthRequired = 0; // 411
    quint64 rejectedBadRequest = 0; // 400
    quint64 rejectedConnections = 0; // 503, over the connection cap
    quint64 idleClosed = 0;
    quint64 acceptErrors = 0;
};

} // namespace javumbo::server
