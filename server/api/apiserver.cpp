#include "apiserver.h"

#include "routes/routes.h"
#include "services/backend.h"
#include "services/requesttrace.h"
#include "storage/database.h"
#include "transport/guardedtcpserver.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QThread>
#include <QTimer>

#include <latch>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcServer, "javumbo.server")

namespace javumbo::server {

namespace {

// Four times the cores, at least 8. A user's group commit can only hold the
// writes of workers queued on that user's lock, so one user writing from 8
// devices needs 8 workers to share one sync among them. It used to be twice
// the cores, so that a thread's own connection was more often the one that
// wrote a file last; writes now go through each file's one writer connection
// (storage::WriterConnections), and that reason is gone. Waits for a lock cost
// no thread time (UserLock::run combines them), and password hashing has a
// pool of its own. On 2 cores, cardsbench.sh with 8 threads against 4, same
// run: one user from 8 connections 6,099 against 5,352 req/s (normal) and
// 5,279 against 4,289 (full); 32 users 8,591 against 8,600 (normal).
int defaultThreads()
{
    return std::max(8, 4 * QThread::idealThreadCount());
}

} // namespace

ApiServer::ApiServer(Backend &backend, ServerOptions options, QObject *parent)
    : QObject(parent)
    , m_backend(backend)
    , m_options(std::move(options))
    , m_pipeline(backend, m_options.limits.trustedProxies)
    , m_log(m_options.logFormat, m_options.logFile)
{
    m_pool.setMaxThreadCount(m_options.threads > 0 ? m_options.threads : defaultThreads());
    m_credentialPool.setMaxThreadCount(std::max(1, QThread::idealThreadCount()));
    // Pool threads keep their cached connections; letting them expire would
    // reopen every user's file (docs/platform-notes.md §§12, 15).
    m_pool.setExpiryTimeout(-1);
    m_credentialPool.setExpiryTimeout(-1);
    for (Endpoint &endpoint : routes::all(*this))
        addEndpoint(std::move(endpoint));
    m_backend.locks().setWaitObserver(
        [this](qint64, double waitedMs) { m_metrics.recordLockWait(waitedMs / 1000.0); });
}

ApiServer::~ApiServer()
{
    stop();
    m_backend.locks().setWaitObserver({});
}

void ApiServer::addEndpoint(Endpoint endpoint)
{
    m_router.add(endpoint.method, endpoint.pattern);
    m_endpoints.append(std::move(endpoint));
}

Result<quint16> ApiServer::start()
{
    // A deliberately broken server must never face a network, whoever starts it.
    if (const Fault fault = m_backend.context().fault;
        fault != Fault::None && !m_options.bindAddress.isLoopback())
        return makeError(ErrorCode::Forbidden,
            u"planted fault '%1' is only allowed on a loopback address, not %2"_s.arg(
                faultName(fault), m_options.bindAddress.toString()));
    if (m_options.accessLog) {
        if (auto opened = m_log.open(); !opened)
            return opened.error();
    }
    m_transport = new GuardedTcpServer(m_options.limits, this);
    if (!m_transport->listen(m_options.bindAddress, m_options.port)) {
        const QString reason = m_transport->errorString();
        delete m_transport.data();
        // A network error, not storage: the GUI would otherwise blame the data directory.
        return makeError(ErrorCode::NetworkError,
            u"cannot listen on %1:%2: %3"_s.arg(m_options.bindAddress.toString())
                .arg(m_options.port)
                .arg(reason));
    }
    connect(m_transport, &GuardedTcpServer::requestRejected, this, &ApiServer::logRejection);
    m_adapter
        = new HttpAdapter([this](HttpRequest request,
                              ResponseChannel channel) { dispatch(std::move(request), std::move(channel)); },
            this);
    m_adapter->bind(m_transport);
    m_port = m_transport->serverPort();
    return m_port;
}

bool ApiServer::isListening() const
{
    return m_transport && m_transport->isListening();
}

QUrl ApiServer::url() const
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(m_options.bindAddress.toString());
    url.setPort(m_port);
    return url;
}

int ApiServer::openConnections() const
{
    return m_transport ? m_transport->openConnections() : 0;
}

void ApiServer::stop()
{
    if (!m_transport)
        return;
    m_transport->close(); // stop accepting new connections
    m_stopping = true; // and new requests on kept-alive ones (dispatch() answers 503 and closes)
    QElapsedTimer drain;
    drain.start();
    // Answers are written on this thread, so keep its event loop turning while the pool drains.
    while (m_inFlight.load() > 0 && drain.elapsed() < m_options.drainTimeout.count()) {
        QEventLoop loop;
        QTimer::singleShot(5, &loop, &QEventLoop::quit);
        loop.exec();
    }
    // Before waitForDone(): in Qt 6.4 it also ends the pool's threads, whose
    // thread-local connections would then close while the process exits.
    closePoolConnections(m_pool);
    closePoolConnections(m_credentialPool);
    QCoreApplication::processEvents(); // write the last answers
    if (m_inFlight.load() > 0)
        qCWarning(lcServer) << m_inFlight.load() << "requests were still running when the server stopped";
    m_log.flush();
    delete m_adapter;
    m_adapter = nullptr;
    delete m_transport.data(); // null already if the adapter owned it
}

void ApiServer::closePoolConnections(QThreadPool &pool)
{
    // Every pool thread closes its own cached connections now, while the
    // server is stopping, rather than whenever its thread-local storage is
    // torn down (QThread::wait() returns before that). The latch keeps every
    // task running until all have started, so each lands on its own thread.
    const int threads = pool.maxThreadCount();
    auto everyone = std::make_shared<std::latch>(threads);
    for (int i = 0; i < threads; ++i) {
        pool.start([everyone] {
            storage::Database::closeAllOnThisThread();
            everyone->arrive_and_wait();
        });
    }
    pool.waitForDone(int(m_options.drainTimeout.count()));
}

void ApiServer::dispatch(HttpRequest request, ResponseChannel channel)
{
    RequestRecord record = m_pipeline.begin(request);
    const auto matched = m_router.match(request.method, request.path);
    if (const auto *miss = std::get_if<Router::Miss>(&matched)) {
        record.route = u"unmatched"_s;
        const bool notAllowed = *miss == Router::Miss::MethodNotAllowed;
        HttpResponse response = HttpResponse::error(notAllowed
                ? makeError(ErrorCode::MethodNotAllowed,
                    u"%1 is not allowed on %2"_s.arg(QString::fromLatin1(request.method), request.path))
                : makeError(ErrorCode::NotFound, u"no such endpoint: %1"_s.arg(request.path)),
            record.requestId);
        if (notAllowed) {
            const QList<QByteArray> methods = m_router.methodsFor(request.path);
            response.withHeader("Allow", methods.join(", "));
        }
        finish(record, channel, std::move(response), 0, 0);
        return;
    }
    if (m_stopping) {
        HttpResponse response = HttpResponse::error(
            makeError(ErrorCode::ServerBusy, u"the server is shutting down; retry shortly"_s),
            record.requestId);
        response.closeConnection = true;
        finish(record, channel, std::move(response), 0, 0);
        return;
    }
    const Router::Match match = std::get<Router::Match>(matched);
    const Endpoint &endpoint = m_endpoints.at(match.index);
    record.route = match.pattern;

    if (endpoint.runsOn == RunsOn::ServerThread) {
        qint64 userId = 0;
        HttpResponse response = m_pipeline.run(endpoint, request, record, match.ids, &userId);
        finish(record, channel, std::move(response), userId, 0);
        return;
    }
    if (m_inFlight.load() >= m_options.maxQueuedRequests) {
        HttpResponse response = HttpResponse::error(
            makeError(ErrorCode::ServerBusy, u"the server is overloaded; retry shortly"_s), record.requestId);
        finish(record, channel, std::move(response), 0, 0);
        return;
    }
    ++m_inFlight;
    QThreadPool &pool = endpoint.runsOn == RunsOn::CredentialPool ? m_credentialPool : m_pool;
    pool.start([this, endpoint, request = std::move(request), ids = match.ids, record, channel]() mutable {
        RequestTrace::reset();
        qint64 userId = 0;
        HttpResponse response = m_pipeline.run(endpoint, request, record, ids, &userId);
        const double lockWaitMs = RequestTrace::lockWaitMs();
        // Move the channel into the queued call so the last reference to it
        // dies on the server thread, next to its socket.
        QMetaObject::invokeMethod(
            this,
            [this, record, channel = std::move(channel), response = std::move(response), userId,
                lockWaitMs]() mutable {
                --m_inFlight;
                finish(record, channel, std::move(response), userId, lockWaitMs);
            },
            Qt::QueuedConnection);
    });
}

void ApiServer::finish(const RequestRecord &record, const ResponseChannel &channel, HttpResponse response,
    qint64 userId, double lockWaitMs)
{
    RequestPipeline::seal(response, record);
    if (!m_options.instanceId.isEmpty())
        response.withHeader("X-Javumbo-Instance", m_options.instanceId.toLatin1());
    channel.send(response);

    const AccessLogEntry entry = RequestPipeline::logEntry(record, response, userId, lockWaitMs);
    m_metrics.recordRequest(record.route, entry.method, response.status, entry.durationMs / 1000.0);
    if (m_options.accessLog)
        m_log.write(entry);
    if (response.status >= 500)
        qCWarning(lcServer) << "request" << record.requestId << record.route << "answered" << response.status;
    Q_EMIT requestFinished(entry);
}

void ApiServer::logRejection(int status, const QString &code, const QString &requestId,
    const QHostAddress &peer, const QString &method, const QString &path)
{
    m_metrics.recordRequest(u"transport"_s, method.isEmpty() ? u"UNKNOWN"_s : method, status, 0);
    AccessLogEntry entry;
    entry.timeMs = QDateTime::currentMSecsSinceEpoch();
    entry.requestId = requestId;
    entry.remoteAddress = peer.toString();
    entry.method = method;
    entry.route = path.isEmpty() ? u"transport"_s : path;
    entry.status = status;
    entry.errorCode = code;
    if (m_options.accessLog)
        m_log.write(entry);
    Q_EMIT requestFinished(entry);
}

} // namespace javumbo::server
