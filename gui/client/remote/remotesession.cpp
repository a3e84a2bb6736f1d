#include "remotesession.h"

#include "apierror.h"
#include "remoterequest.h"
#include "remotetransport.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QJsonObject>
#include <QMutex>
#include <QPointer>
#include <QThread>
#include <QWaitCondition>

#include <algorithm>
#include <atomic>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace javumbo::gui {

namespace {

// The API this app speaks (docs/api.md): its routes live under /api/v1.
constexpr int kApiVersion = 1;
// Between two tries of a request whose reply was lost: the connection may just have been reset.
constexpr auto kResendPause = 200ms;

QUrl apiUrl(const QUrl &server, const QString &path)
{
    QUrl url = server;
    QString base = url.path();
    while (base.endsWith(u'/'))
        base.chop(1);
    const qsizetype query = path.indexOf(u'?');
    url.setPath(base + u"/api/v1"_s + (query < 0 ? path : path.left(query)));
    url.setQuery(query < 0 ? QString() : path.mid(query + 1), QUrl::StrictMode);
    return url;
}

// Retry-After in seconds (docs/api.md §1.4: always sent with 503; 1 s when absent or a date).
std::chrono::milliseconds retryAfter(const RawReply &raw)
{
    for (const auto &[name, value] : raw.headers) {
        bool ok = false;
        const int seconds = name == "retry-after" ? value.trimmed().toInt(&ok) : 0;
        if (ok && seconds >= 0)
            return std::chrono::seconds(seconds);
    }
    return 1s;
}

Error offline(const QUrl &server, const RawReply &raw)
{
    // Refused or unknown host: the request never left. A broken connection may have lost the answer
    // to a request the server did carry out.
    const QString outcome = raw.unreachable
        ? u"Nothing was sent; try again when the connection is back."_s
        : u"The connection broke before the answer came, so the server may or may not have done it; "
          "look before trying again."_s;
    return makeError(ErrorCode::NetworkError,
        u"offline: the server at %1 cannot be reached (%2). %3"_s.arg(
            server.toDisplayString(), raw.failure, outcome));
}

} // namespace

struct RemoteSession::State
{
    mutable QMutex mutex;
    QWaitCondition changed; // token renewed, sign-in given up, closing
    QString token;
    quint64 tokenGeneration = 0;
    bool signInPending = false;
    bool closing = false;
    qint64 userId = 0;
    bool connected = false;
    std::atomic<bool> online {true};
    std::atomic<qint64> clockOffsetMs {0};
};

RemoteSession::RemoteSession(RemoteEndpoint endpoint, QString token, Options options, QObject *parent)
    : QObject(parent)
    , m_endpoint(std::move(endpoint))
    , m_options(options)
    , m_state(std::make_unique<State>())
    , m_transport(std::make_unique<RemoteTransport>(options.requestTimeout))
{
    m_state->token = std::move(token);
}

RemoteSession::RemoteSession(RemoteEndpoint endpoint, QString token, QObject *parent)
    : RemoteSession(std::move(endpoint), std::move(token), Options(), parent)
{ }

RemoteSession::~RemoteSession()
{
    {
        const QMutexLocker lock(&m_state->mutex);
        m_state->closing = true;
        m_state->changed.wakeAll();
    }
    m_transport.reset();
}

Result<QString> RemoteSession::signIn(const QUrl &serverUrl, const QString &username, const QString &password)
{
    // No session yet: a short-lived one carries the request (and its 503 retries).
    RemoteSession session(RemoteEndpoint {serverUrl, username}, QString());
    RemoteRequest login;
    login.method = "POST";
    login.path = u"/login"_s;
    login.authenticated = false;
    login.body = QJsonDocument(QJsonObject {{u"username"_s, username}, {u"password"_s, password}})
                     .toJson(QJsonDocument::Compact);
    auto reply = session.perform(login, false);
    if (!reply)
        return reply.error();
    const QString token = reply->json().object().value(u"token"_s).toString();
    if (token.isEmpty())
        return makeError(ErrorCode::Internal, u"the server's answer to the sign-in carries no token"_s);
    return token;
}

void RemoteSession::signInAsync(const QUrl &serverUrl, const QString &username, const QString &password,
    QObject *receiver, std::function<void(Result<QString>)> done)
{
    QThread *thread = QThread::create([serverUrl, username, password, guard = QPointer<QObject>(receiver),
                                          done = std::move(done)]() mutable {
        auto token = std::make_shared<Result<QString>>(signIn(serverUrl, username, password));
        // The guard is read on the UI thread, where the receiver lives and dies (as ClientWorker does).
        QMetaObject::invokeMethod(QCoreApplication::instance(), [guard, token, done = std::move(done)] {
            if (guard)
                done(std::move(*token));
        });
    });
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

Result<void> RemoteSession::connectToServer()
{
    RemoteRequest health;
    health.path = u"/health"_s;
    health.authenticated = false;
    health.repeatable = true;
    auto reply = perform(health, false);
    if (!reply && reply.code() == ErrorCode::NetworkError)
        return reply.error();
    const QJsonObject status = reply ? reply->json().object() : QJsonObject();
    const QJsonValue apiVersion = status.value(u"api_version"_s);
    if (!reply || status.value(u"status"_s).toString() != u"ok"
        || (!apiVersion.isUndefined() && apiVersion.toInt() != kApiVersion)) {
        const QString found = reply ? u"it speaks API version %1"_s.arg(apiVersion.toInt())
                                    : u"it answered: %1"_s.arg(reply.error().message);
        const QString message
            = u"The server at %1 is not compatible with this app, which speaks API version %2 (/api/v%2); "
              u"%3. "
              "Update the app or the server so that both speak the same version."_s.arg(
                  m_endpoint.serverUrl.toDisplayString(), QString::number(kApiVersion), found);
        Q_EMIT serverIncompatible(message);
        return makeError(ErrorCode::BadRequest, message);
    }
    // The server's clock (docs/api.md §2 "time"): "due in …" is measured against it, not this computer's.
    if (const QJsonValue time = status.value(u"time"_s); time.isDouble())
        m_state->clockOffsetMs = qint64(time.toDouble()) * 1000 - QDateTime::currentMSecsSinceEpoch();
    RemoteRequest me;
    me.path = u"/me"_s;
    me.repeatable = true;
    auto identity = send(me);
    if (!identity)
        return identity.error();
    const QMutexLocker lock(&m_state->mutex);
    m_state->userId = identity->json().object().value(u"user_id"_s).toInteger();
    m_state->connected = true;
    return {};
}

Result<void> RemoteSession::signOut()
{
    RemoteRequest logout;
    logout.method = "POST";
    logout.path = u"/logout"_s;
    auto reply = perform(logout, false);
    // A token the server no longer knows is signed out already.
    if (!reply && reply.code() != ErrorCode::NotAuthenticated)
        return reply.error();
    const QMutexLocker lock(&m_state->mutex);
    m_state->token.clear();
    ++m_state->tokenGeneration;
    m_state->connected = false;
    return {};
}

void RemoteSession::reauthenticate(const QString &token)
{
    const QMutexLocker lock(&m_state->mutex);
    m_state->token = token;
    ++m_state->tokenGeneration;
    m_state->signInPending = false;
    m_state->changed.wakeAll();
}

void RemoteSession::cancelSignIn()
{
    const QMutexLocker lock(&m_state->mutex);
    m_state->signInPending = false;
    m_state->changed.wakeAll();
}

QString RemoteSession::token() const
{
    const QMutexLocker lock(&m_state->mutex);
    return m_state->token;
}

qint64 RemoteSession::userId() const
{
    const QMutexLocker lock(&m_state->mutex);
    return m_state->userId;
}

bool RemoteSession::isConnected() const
{
    const QMutexLocker lock(&m_state->mutex);
    return m_state->connected;
}

bool RemoteSession::isOnline() const
{
    return m_state->online.load();
}

qint64 RemoteSession::nowSeconds() const
{
    return (QDateTime::currentMSecsSinceEpoch() + m_state->clockOffsetMs.load()) / 1000;
}

Result<RemoteReply> RemoteSession::send(const RemoteRequest &request)
{
    return perform(request, request.authenticated);
}

Result<RemoteReply> RemoteSession::perform(const RemoteRequest &request, bool signInOnExpiry)
{
    const QUrl url = apiUrl(m_endpoint.serverUrl, request.path);
    QDeadlineTimer budget(m_options.retryBudget);
    for (int attempt = 1;; ++attempt) {
        auto [token, generation] = currentToken();
        QList<std::pair<QByteArray, QByteArray>> headers = request.headers;
        if (request.authenticated && !token.isEmpty())
            headers.append({"Authorization", "Bearer " + token.toLatin1()});
        const RawReply raw
            = m_transport->send(url, request.method, request.body, headers, request.maxReplyBytes);
        if (raw.tooLarge) // the server answered, with more than this request may take: not offline, not
                          // retried
            return makeError(ErrorCode::PayloadTooLarge,
                u"the server's answer to %1 %2 was refused: %3"_s.arg(
                    QString::fromLatin1(request.method), request.path, raw.failure));
        if (raw.status == 0) {
            // A lost reply of a request that may go twice: go again (the connection may just have been
            // reset). Offline only once the request gives up, so a blip shows nothing.
            if (request.repeatable && !raw.unreachable && attempt < m_options.maxAttempts
                && pause(kResendPause))
                continue;
            setOnline(false);
            return offline(m_endpoint.serverUrl, raw);
        }
        setOnline(true);
        if (raw.status >= 200 && raw.status < 300)
            return RemoteReply {raw.status, raw.headers, raw.body};
        Error error = apierror::fromReply(raw.status, raw.body);
        if (raw.status == 401 && error.code == ErrorCode::NotAuthenticated && signInOnExpiry) {
            if (!awaitSignIn(generation))
                return error;
            --attempt; // signing in is no failed attempt
            continue;
        }
        const bool retryable = (raw.status == 429 || raw.status == 503)
            && error.code != ErrorCode::StorageCorrupt && error.code != ErrorCode::TooManyAttempts;
        if (!retryable || attempt >= m_options.maxAttempts)
            return error;
        const auto wait = retryAfter(raw);
        if (wait > std::chrono::milliseconds(budget.remainingTime()) || !pause(wait))
            return error;
    }
}

std::pair<QString, quint64> RemoteSession::currentToken() const
{
    const QMutexLocker lock(&m_state->mutex);
    return {m_state->token, m_state->tokenGeneration};
}

bool RemoteSession::awaitSignIn(quint64 generation)
{
    QMutexLocker lock(&m_state->mutex);
    if (m_state->tokenGeneration != generation)
        return true; // renewed while this request was on its way
    const bool ask = !m_state->signInPending;
    m_state->signInPending = true;
    if (ask) {
        lock.unlock();
        Q_EMIT signInRequired();
        lock.relock();
    }
    QDeadlineTimer deadline(m_options.signInWait);
    while (m_state->tokenGeneration == generation && m_state->signInPending && !m_state->closing) {
        if (!m_state->changed.wait(&m_state->mutex, deadline))
            break;
    }
    const bool renewed = m_state->tokenGeneration != generation;
    if (!renewed)
        m_state->signInPending = false;
    return renewed && !m_state->closing;
}

bool RemoteSession::pause(std::chrono::milliseconds wait)
{
    QMutexLocker lock(&m_state->mutex);
    QDeadlineTimer deadline(wait);
    while (!m_state->closing) {
        if (!m_state->changed.wait(&m_state->mutex, deadline))
            return true;
    }
    return false;
}

void RemoteSession::setOnline(bool online)
{
    if (m_state->online.exchange(online) != online)
        Q_EMIT onlineChanged(online);
}

} // namespace javumbo::gui
