#pragma once

#include "http/clientaddress.h"
#include "http/httprequest.h"
#include "http/httpresponse.h"
#include "sessions/session.h"
#include "json/jsonbody.h"

#include <functional>
#include <optional>

namespace javumbo {
class Backend;
}

namespace javumbo::server {

enum class Access
{
    Public,
    User, // a valid session
    Admin, // a valid session of an admin account
    AdminOrLoopback, // /metrics: an admin token, or any client on loopback
};

enum class BodyKind
{
    None,
    Json
};

// Everything a handler may use, prepared by the one wrapper (ApiServer's
// pipeline): request id, path ids, the parsed JSON body, the session and who
// the client is.
struct RequestContext
{
    const HttpRequest &request;
    Backend &backend;
    QString requestId;
    QList<qint64> ids;
    JsonBody body;
    std::optional<Session> session;
    QString token;
    // The client's address, through trusted proxies (http/clientaddress.h): key
    // anything per client (a throttle) on client.address, never on the TCP peer.
    ClientAddress client;

    qint64 userId() const { return session ? session->userId : 0; }
    qint64 id() const { return ids.value(0); }
};

using Handler = std::function<Result<HttpResponse>(RequestContext &context)>;

// Where a handler runs (docs/architecture.md §3: the server thread only does I/O).
enum class RunsOn
{
    WorkerPool, // anything that touches a database
    // Password hashing (register, login): a quarter of a second of CPU each
    // (PBKDF2), on a pool of its own, one thread per core, so a burst of
    // logins queues there instead of occupying every worker while cards and
    // reviews wait.
    CredentialPool,
    ServerThread, // only handlers that touch no database
};

// One row of the API: a handler is thin — validate into a request struct,
// call one service, serialise.
struct Endpoint
{
    QByteArray method;
    QString pattern;
    Access access = Access::User;
    BodyKind body = BodyKind::None;
    Handler handler;
    RunsOn runsOn = RunsOn::WorkerPool;
};

} // namespace javumbo::server
