#pragma once

#include "http/clientaddress.h"

#include <QByteArray>
#include <QList>
#include <QtGlobal>

#include <algorithm>
#include <chrono>

namespace javumbo::server {

// What the transport guard allows a client before QtHttpServer's parser sees its bytes.
struct TransportLimits
{
    int maxConnections = 1024;
    // What one client address may hold of them; 0: an eighth of maxConnections (at least 1).
    // Connections from a trusted proxy are not counted against it.
    int maxConnectionsPerAddress = 0;
    TrustedProxies trustedProxies;
    // Without traffic and without a request being answered.
    std::chrono::milliseconds idleTimeout {60000};
    // From the first byte of a request head to its end, however it trickles in (408 after).
    std::chrono::milliseconds headTimeout {10000};
    qint64 maxBodyBytes = 1 << 20;
    // The routes whose bodies may be larger (file uploads, docs/api.md "Import and export"), by exact path.
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

    int perAddressCap() const
    {
        return maxConnectionsPerAddress > 0 ? maxConnectionsPerAddress : std::max(1, maxConnections / 8);
    }
};

// What the guard has done since it started listening; a snapshot, see GuardedTcpServer::counters().
struct TransportCounters
{
    quint64 accepted = 0; // connections handed to the HTTP server
    quint64 rejectedHeaders = 0; // 431
    quint64 rejectedBodies = 0; // 413
    quint64 rejectedLengthRequired = 0; // 411
    quint64 rejectedBadRequest = 0; // 400
    quint64 rejectedConnections = 0; // 503, over the connection cap or the per-address share
    quint64 rejectedUpgrades = 0; // 501, WebSocket upgrades
    quint64 headTimeouts = 0; // 408
    quint64 idleClosed = 0;
    quint64 acceptErrors = 0;
};

} // namespace javumbo::server
