#pragma once

#include "http/clientaddress.h"

#include "accesslog.h"
#include "common/fault.h"
#include "endpoint.h"

#include <QElapsedTimer>

#include <memory>

namespace javumbo {
class Backend;
}

namespace javumbo::faults {
class StaleSessionCache;
}

namespace javumbo::server {

// One request from arrival to answer: what its answer, the access log and the
// metrics need to know of it.
struct RequestRecord
{
    QString requestId;
    QString route; // the endpoint's pattern; "unmatched" when none
    QByteArray method;
    ClientAddress client; // resolved once: the handlers key on it, the access log names it
    QString remote; // client.address as text
    QString peer; // the TCP peer, when it is not the client
    QElapsedTimer timer;
    qint64 startedAtMs = 0;
};

// The one wrapper around every handler (docs/architecture.md §3): request id,
// authentication, content type, JSON body parsing, timing and the error
// envelope. ApiServer routes and schedules requests; this decides what a
// matched one gets. run() is safe from any thread (it runs on the pools).
class RequestPipeline
{
public:
    // `proxies` decide whose forwarding headers are believed; they must outlive the pipeline.
    RequestPipeline(Backend &backend, const TrustedProxies &proxies);
    ~RequestPipeline();
    RequestPipeline(const RequestPipeline &) = delete;
    RequestPipeline &operator=(const RequestPipeline &) = delete;

    // Starts the request's clock and names it: the client's X-Request-Id when
    // valid (docs/api.md), else a fresh one.
    RequestRecord begin(const HttpRequest &request) const;
    // Authenticates, checks and parses the body, calls the handler. Every
    // failure, an exception included, becomes the error envelope; `userId`
    // gets the session's user as soon as it is known.
    HttpResponse run(const Endpoint &endpoint, const HttpRequest &request, const RequestRecord &record,
        const QList<qint64> &ids, qint64 *userId) const;
    // Just before sending: the request id, and Retry-After on every 503.
    static void seal(HttpResponse &response, const RequestRecord &record);
    // Just after sending: the access-log entry, timed up to now.
    static AccessLogEntry logEntry(
        const RequestRecord &record, const HttpResponse &response, qint64 userId, double lockWaitMs);

private:
    Result<HttpResponse> handle(const Endpoint &endpoint, RequestContext &context, qint64 *userId) const;
    Result<void> authenticate(Access access, RequestContext &context) const;

    Backend &m_backend;
    const TrustedProxies &m_proxies;
    // Planted faults (common/fault.h) that act in the pipeline; from the Backend.
    const Fault m_fault;
    std::unique_ptr<faults::StaleSessionCache> m_staleSessions; // stale-session only
};

} // namespace javumbo::server
