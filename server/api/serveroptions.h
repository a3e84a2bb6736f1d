#pragma once

#include "accesslog.h"
#include "transport/transportlimits.h"

#include <QHostAddress>
#include <QList>
#include <QUrl>

namespace javumbo::server {

// How `javumbo serve` runs, read once at the edge (app/) and passed down.
struct ServerOptions
{
    QHostAddress bindAddress = QHostAddress::LocalHost;
    quint16 port = 8700;
    // --registration closed: POST /register is 403 registration_closed and
    // accounts come from `javumbo users add`.
    bool registrationOpen = true;
    // --public-url: where clients reach the server (a TLS proxy in front);
    // empty: the listening address. An https one makes the cookie Secure.
    QUrl publicUrl;
    int threads = 0; // 0: four times the cores, at least 8
    LogFormat logFormat = LogFormat::Text;
    QString logFile; // empty: stderr
    bool accessLog = true;
    TransportLimits limits;
    // --instance-id: names this instance behind a load balancer: the X-Javumbo-Instance header of
    // every answer, the instance_id label of every metric, and /admin/locks. Empty: none of these.
    QString instanceId;
    int maxQueuedRequests = 4096; // beyond this, 503 server_busy instead of an unbounded queue
    std::chrono::milliseconds drainTimeout {10000};
};

} // namespace javumbo::server
