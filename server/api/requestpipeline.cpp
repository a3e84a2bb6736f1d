#include "requestpipeline.h"

#include "accounts/accountstore.h"
#include "services/backend.h"
#include "services/plantedfaults.h"
#include "transport/requestid.h"

#include <QDateTime>
#include <QLoggingCategory>

#include <algorithm>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcPipeline, "javumbo.server")

namespace javumbo::server {

namespace {

QString sessionToken(const HttpRequest &request)
{
    const QByteArray authorization = request.header("authorization").trimmed();
    if (authorization.size() > 7 && authorization.first(7).compare("bearer ", Qt::CaseInsensitive) == 0)
        return QString::fromLatin1(authorization.mid(7).trimmed());
    for (const QByteArray &cookie : request.header("cookie").split(';')) {
        const QByteArray trimmed = cookie.trimmed();
        if (trimmed.startsWith("javumbo_session="))
            return QString::fromLatin1(trimmed.mid(int(sizeof("javumbo_session=") - 1)));
    }
    return {};
}

bool isJsonContentType(const HttpRequest &request)
{
    const QByteArray type = request.header("content-type").split(';').first().trimmed().toLower();
    return type == "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}

} // namespace

RequestPipeline::RequestPipeline(Backend &backend, const TrustedProxies &proxies)
    : m_backend(backend), m_proxies(proxies), m_fault(backend.context().fault)
{
    if (m_fault == Fault::StaleSession)
        m_staleSessions = std::make_unique<faults::StaleSessionCache>();
}

RequestPipeline::~RequestPipeline() = default;

RequestRecord RequestPipeline::begin(const HttpRequest &request) const
{
    RequestRecord record;
    record.timer.start();
    record.startedAtMs = QDateTime::currentMSecsSinceEpoch();
    const QByteArray given = request.header("x-request-id");
    record.requestId = isValidRequestId(given) ? QString::fromLatin1(given) : generateRequestId();
    record.method = request.method;
    // The access log names the client as everything else does; a proxy it came through stays visible.
    record.client = ClientAddress::resolve(request.remoteAddress, request.headers, m_proxies);
    record.remote = record.client.address.toString();
    if (record.client.address != request.remoteAddress)
        record.peer = request.remoteAddress.toString();
    return record;
}

HttpResponse RequestPipeline::run(const Endpoint &endpoint, const HttpRequest &request,
    const RequestRecord &record, const QList<qint64> &ids, qint64 *userId) const
{
    const QString &requestId = record.requestId;
    try {
        RequestContext context {
            request, m_backend, requestId, ids, JsonBody(), std::nullopt, QString(), record.client};
        auto handled = handle(endpoint, context, userId);
        if (!handled)
            return HttpResponse::error(handled.error(), requestId);
        return std::move(handled).value();
    } catch (const std::exception &exception) {
        qCCritical(lcPipeline) << "request" << requestId << "failed with an exception:" << exception.what();
    } catch (...) {
        qCCritical(lcPipeline) << "request" << requestId << "failed with an unknown exception";
    }
    return HttpResponse::error(
        makeError(ErrorCode::Internal, u"internal error; quote the request id when reporting it"_s),
        requestId);
}

Result<HttpResponse> RequestPipeline::handle(
    const Endpoint &endpoint, RequestContext &context, qint64 *userId) const
{
    const HttpRequest &request = context.request;
    // Behind a reverse proxy every client looks like loopback: any forwarding header makes the
    // client remote, unless a trusted proxy named a loopback client (ClientAddress::isLocal).
    const bool loopbackMetrics = endpoint.access == Access::AdminOrLoopback && context.client.isLocal();
    if (endpoint.access != Access::Public && !loopbackMetrics) {
        const Result<void> authenticated = authenticate(endpoint.access, context);
        *userId = context.userId(); // known even when the admin check fails
        if (!authenticated)
            return authenticated.error();
    }
    if (endpoint.body == BodyKind::Json) {
        if (!isJsonContentType(request))
            return makeError(ErrorCode::UnsupportedMediaType, u"send the body as application/json"_s);
        auto body = JsonBody::parse(request.body);
        if (!body)
            return body.error();
        context.body = std::move(body).value();
    }
    auto handled = endpoint.handler(context);
    // Planted fault (loadtest self-test) clock-ids: as the original, any database failure is a vague 500.
    if (m_fault == Fault::ClockIds && !handled && handled.code() == ErrorCode::Internal) [[unlikely]]
        return faults::vagueDatabaseError();
    return handled;
}

Result<void> RequestPipeline::authenticate(Access access, RequestContext &context) const
{
    context.token = sessionToken(context.request);
    if (context.token.isEmpty())
        return makeError(ErrorCode::NotAuthenticated, u"log in first"_s);
    auto session = m_backend.sessions().validate(context.token);
    // Planted fault (loadtest self-test) stale-session: a cache that logout does not invalidate.
    if (m_staleSessions) [[unlikely]]
        session = m_staleSessions->apply(context.token, std::move(session), m_backend.clock().nowMs());
    if (!session) {
        if (session.code() != ErrorCode::NotAuthenticated)
            return session.error();
        return makeError(ErrorCode::NotAuthenticated, u"the session is unknown, expired or logged out"_s);
    }
    context.session = session.value();
    // Planted fault (loadtest self-test) shared-session-slot: the user passes through one
    // process-wide slot, so concurrent requests may act as each other's user.
    if (m_fault == Fault::SharedSessionSlot) [[unlikely]]
        context.session->userId = faults::passThroughSharedSlot(session->userId);
    if (access == Access::Admin || access == Access::AdminOrLoopback) {
        auto account = m_backend.accounts().findById(session->userId);
        if (!account)
            return account.error();
        if (!account->isAdmin)
            return makeError(ErrorCode::Forbidden, u"this needs an admin account"_s);
    }
    return {};
}

void RequestPipeline::seal(HttpResponse &response, const RequestRecord &record)
{
    response.withHeader("X-Request-Id", record.requestId.toLatin1());
    if ((response.status == 503)
        && !std::any_of(response.headers.cbegin(), response.headers.cend(),
            [](const auto &h) { return h.first == "Retry-After"; }))
        response.withHeader("Retry-After", "1");
}

AccessLogEntry RequestPipeline::logEntry(
    const RequestRecord &record, const HttpResponse &response, qint64 userId, double lockWaitMs)
{
    AccessLogEntry entry;
    entry.timeMs = record.startedAtMs;
    entry.requestId = record.requestId;
    entry.remoteAddress = record.remote;
    entry.peerAddress = record.peer;
    entry.userId = userId;
    entry.method = QString::fromLatin1(record.method);
    entry.route = record.route;
    entry.status = response.status;
    entry.durationMs = double(record.timer.nsecsElapsed()) / 1e6;
    entry.lockWaitMs = lockWaitMs;
    if (response.isError())
        entry.errorCode = errorCodeName(response.errorCode);
    return entry;
}

} // namespace javumbo::server
