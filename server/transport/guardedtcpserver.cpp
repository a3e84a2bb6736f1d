#include "guardedtcpserver.h"

#include "transport/guardedsocket.h"

#include <QAbstractHttpServer>
#include <QLoggingCategory>
#include <QStringBuilder>
#include <QTcpSocket>

#include <algorithm>
#include <utility>

#ifdef __GLIBC__
#include <malloc.h>
#endif
#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace javumbo::server {

namespace {

Q_LOGGING_CATEGORY(lcTransport, "javumbo.server.transport")

constexpr std::chrono::milliseconds initialAcceptBackoff = 100ms;
constexpr std::chrono::milliseconds maximalAcceptBackoff = 1000ms;
// Refused connections still hold a descriptor while their 503 goes out. Under a flood, past
// this many, close new ones at once: an answer is not worth running out of descriptors.
constexpr int maxRefusalsClosing = 64;
// Hand freed memory back to the system once this many connections have closed or been parked.
constexpr int memoryReleaseStep = 256;
// Re-bind to the HTTP server after this many new connections: sender() then walks at most this far.
constexpr int rebindEvery = 32;

// Deadlines fire up to one tick late: an eighth of the shortest timeout, from 5 to 250 ms.
std::chrono::milliseconds wheelTick(const TransportLimits &limits)
{
    const auto shortest = std::min({limits.idleTimeout, limits.headTimeout, limits.closeTimeout});
    return std::clamp<std::chrono::milliseconds>(shortest / 8, 5ms, 250ms);
}

void closeDescriptor(qintptr socketDescriptor)
{
#ifdef Q_OS_UNIX
    ::close(int(socketDescriptor));
#else
    Q_UNUSED(socketDescriptor);
#endif
}

} // namespace

GuardedTcpServer::GuardedTcpServer(const TransportLimits &limits, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
    , m_wheel(wheelTick(limits), this)
    , m_parking(m_wheel, this)
    , m_acceptBackoff(initialAcceptBackoff)
{
    m_resumeTimer.setSingleShot(true);
    connect(&m_resumeTimer, &QTimer::timeout, this, &GuardedTcpServer::resumeAfterError);
    connect(this, &QTcpServer::acceptError, this, &GuardedTcpServer::onAcceptError);
    m_trimTimer.setSingleShot(true);
    m_trimTimer.setInterval(200ms);
    connect(&m_trimTimer, &QTimer::timeout, this, &GuardedTcpServer::releaseMemory);
    connect(&m_parking, &IdleParking::readable, this, &GuardedTcpServer::unpark);
    connect(
        &m_parking, &IdleParking::ended, this, [this](const QHostAddress &countedAddress, bool idleTimeout) {
            if (idleTimeout)
                bump(IdleClosed);
            release(countedAddress);
        });
}

GuardedTcpServer::~GuardedTcpServer()
{
    // Now, while the wheel and the counts they leave through still exist (QObject would delete
    // them only after this class is gone).
    qDeleteAll(findChildren<GuardedSocket *>(Qt::FindDirectChildrenOnly));
}

int GuardedTcpServer::openConnections() const
{
    return m_openConnections.load(std::memory_order_relaxed);
}

TransportCounters GuardedTcpServer::counters() const
{
    const auto read = [this](Counter counter) { return m_counters[counter].load(std::memory_order_relaxed); };
    TransportCounters snapshot;
    snapshot.accepted = read(Accepted);
    snapshot.rejectedHeaders = read(RejectedHeaders);
    snapshot.rejectedBodies = read(RejectedBodies);
    snapshot.rejectedLengthRequired = read(RejectedLengthRequired);
    snapshot.rejectedBadRequest = read(RejectedBadRequest);
    snapshot.rejectedConnections = read(RejectedConnections);
    snapshot.rejectedUpgrades = read(RejectedUpgrades);
    snapshot.headTimeouts = read(HeadTimeouts);
    snapshot.idleClosed = read(IdleClosed);
    snapshot.acceptErrors = read(AcceptErrors);
    return snapshot;
}

void GuardedTcpServer::incomingConnection(qintptr socketDescriptor)
{
    // accept() works again: the next error burst starts from the short delay.
    m_acceptBackoff = initialAcceptBackoff;
    auto *socket = new GuardedSocket(*this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        // Typically a client that reset before we got to it: routine, so not a warning.
        qCDebug(lcTransport, "cannot adopt an accepted socket: %ls", qUtf16Printable(socket->errorString()));
        delete socket;
        closeDescriptor(socketDescriptor);
        return;
    }
    const QHostAddress peer = socket->peerAddress();
    if (openConnections() >= m_limits.maxConnections) {
        refuse(socket,
            u"the server has "_s % QString::number(m_limits.maxConnections)
                % u" open connections; retry shortly"_s);
    } else if (!m_limits.trustedProxies.contains(peer)
        && m_perAddress.value(peer) >= m_limits.perAddressCap()) {
        // One client must not take every connection (a slow-head flood from one address did).
        refuse(socket,
            u"this address has "_s % QString::number(m_limits.perAddressCap())
                % u" open connections, its share; retry shortly"_s);
    } else {
        admit(socket);
    }
}

void GuardedTcpServer::admit(GuardedSocket *socket)
{
    bump(Accepted);
    socket->m_counted = true;
    m_openHighWater
        = std::max(m_openHighWater, m_openConnections.fetch_add(1, std::memory_order_relaxed) + 1);
    const QHostAddress peer = socket->peerAddress();
    if (!m_limits.trustedProxies.contains(peer)) {
        const auto count = m_perAddress.insert(peer, m_perAddress.value(peer) + 1);
        // The key's copy, not the socket's: a parked connection keeps it, and its own copy would
        // be one small allocation left behind in the middle of the freed socket.
        socket->m_countedAddress = count.key();
    }
    handToHttpServer(socket);
}

void GuardedTcpServer::unpark(int descriptor, const QHostAddress &countedAddress)
{
    // The client of a parked connection sent a request: a fresh socket on the same descriptor,
    // counted as before, handed to the HTTP server like a new connection. Between keep-alive
    // requests the old socket held nothing the new one lacks (IdleParking).
    auto *socket = new GuardedSocket(*this);
    if (!socket->setSocketDescriptor(descriptor)) {
        qCDebug(lcTransport, "cannot adopt a parked socket: %ls", qUtf16Printable(socket->errorString()));
        delete socket;
        closeDescriptor(descriptor);
        release(countedAddress);
        return;
    }
    socket->m_counted = true;
    socket->m_countedAddress = countedAddress;
    handToHttpServer(socket);
}

void GuardedTcpServer::handToHttpServer(GuardedSocket *socket)
{
    // Before addPendingConnection(): the screen must be connected to readyRead ahead of the parser.
    socket->startScreening();
    bringBindingToFront();
    // QtHttpServer 6.4.2 takes the socket and connects its parser right here, inside the
    // pendingConnectionAvailable signal that addPendingConnection() emits (README.md).
    addPendingConnection(socket);
    if (hasPendingConnections()) {
        // Nobody took it synchronously, so the bookkeeping below would run before the parser and
        // the screen would lose step with it. Fail closed rather than let bytes through unscreened.
        qCCritical(lcTransport,
            "the HTTP server did not take the connection synchronously;"
            " is GuardedTcpServer bound with QAbstractHttpServer::bind()?");
        nextPendingConnection();
        socket->abort();
        socket->deleteLater();
        return;
    }
    socket->followParser();
}

void GuardedTcpServer::bringBindingToFront()
{
    // QtHttpServer 6.4.2 finds the QTcpServer of a new connection with QObject::sender(), which
    // walks the HTTP server's list of senders from the newest: one per open socket (its parser's
    // readyRead), then, last, the binding to us. So every new connection cost a walk over all
    // the open ones (half the CPU of accepting with 10,000 open; docs/platform-notes.md §31).
    // Binding again puts our connection first. Cheap: the signal has no other receiver.
    auto *http = qobject_cast<QAbstractHttpServer *>(parent());
    if (!http || m_sinceRebind++ < rebindEvery)
        return;
    m_sinceRebind = 0;
    disconnect(this, &QTcpServer::pendingConnectionAvailable, http, nullptr);
    http->bind(this);
}

void GuardedTcpServer::refuse(GuardedSocket *socket, const QString &message)
{
    if (m_refusalsClosing >= maxRefusalsClosing) {
        socket->abort();
        delete socket;
        bump(RejectedConnections);
        return;
    }
    ++m_refusalsClosing;
    connect(socket, &QObject::destroyed, this, [this] { --m_refusalsClosing; });
    socket->startScreening(); // drains whatever the client sends while its answer goes out
    socket->refuseConnection(503, u"too_many_connections"_s, message, 1);
}

void GuardedTcpServer::forget(GuardedSocket *socket)
{
    if (!socket->m_counted)
        return;
    socket->m_counted = false;
    release(std::exchange(socket->m_countedAddress, QHostAddress()));
}

void GuardedTcpServer::handOverToParking(GuardedSocket *socket)
{
    socket->m_counted = false;
    socket->m_countedAddress.clear();
    // Parked connections leave their sockets' memory behind while others are still arriving:
    // hand the holes back too, once parking has paused for a moment.
    if (++m_parkedSinceTrim >= memoryReleaseStep)
        m_trimTimer.start();
}

void GuardedTcpServer::release(const QHostAddress &countedAddress)
{
    const int open = m_openConnections.fetch_sub(1, std::memory_order_relaxed) - 1;
    // Many connections gone: give their memory back to the system (glibc keeps freed heap), once
    // they have stopped closing for a moment.
    if (m_openHighWater - open >= memoryReleaseStep)
        m_trimTimer.start();
    if (countedAddress.isNull())
        return;
    const auto count = m_perAddress.find(countedAddress);
    if (count != m_perAddress.end() && --count.value() <= 0)
        m_perAddress.erase(count);
}

void GuardedTcpServer::releaseMemory()
{
    m_openHighWater = openConnections();
    m_parkedSinceTrim = 0;
#ifdef __GLIBC__
    ::malloc_trim(0);
#endif
}

void GuardedTcpServer::noteRejected(int status, const QString &code, const QString &requestId,
    const QHostAddress &peer, const QString &method, const QString &path)
{
    switch (status) {
    case 431:
        bump(RejectedHeaders);
        break;
    case 413:
        bump(RejectedBodies);
        break;
    case 411:
        bump(RejectedLengthRequired);
        break;
    case 400:
        bump(RejectedBadRequest);
        break;
    case 408:
        bump(HeadTimeouts);
        break;
    case 501:
        bump(RejectedUpgrades);
        break;
    case 503:
        bump(RejectedConnections);
        break;
    }
    Q_EMIT requestRejected(status, code, requestId, peer, method, path);
}

void GuardedTcpServer::onAcceptError(QAbstractSocket::SocketError error)
{
    bump(AcceptErrors);
    // Qt 6.4.2 has already paused on a non-temporary error and would stay paused for good;
    // resuming at once would spin, since the connection that failed is still queued
    // (docs/platform-notes.md §7). So wait, longer while the errors go on.
    if (m_acceptBackoff == initialAcceptBackoff)
        qCWarning(lcTransport, "accept failed (%d): %ls; retrying shortly", int(error),
            qUtf16Printable(errorString()));
    if (isListening())
        pauseAccepting();
    if (!m_resumeTimer.isActive()) {
        m_resumeTimer.start(m_acceptBackoff);
        m_acceptBackoff = std::min(m_acceptBackoff * 2, maximalAcceptBackoff);
    }
}

void GuardedTcpServer::resumeAfterError()
{
    // resumeAccepting() dereferences the listening socket: never call it after close().
    if (!isListening())
        return;
    if (!renewListeningSocket() && isListening())
        resumeAccepting();
}

bool GuardedTcpServer::renewListeningSocket()
{
#ifdef Q_OS_UNIX
    // Qt 6.4.2's socket engine keeps its first hard error for good: after one EMFILE, every
    // later "no more connections waiting" (EAGAIN) is reported as "Out of resources" again, and
    // QTcpServer pauses after every batch of accepts (README.md). A fresh engine forgets it. It
    // is built on a duplicate of the same listening descriptor, so the kernel's queue of waiting
    // connections survives close(). Until a descriptor is free for dup(), plain resuming is all
    // there is, and the errors are real anyway.
    const int duplicate = ::fcntl(int(socketDescriptor()), F_DUPFD_CLOEXEC, 0);
    if (duplicate == -1)
        return false;
    close();
    if (setSocketDescriptor(duplicate))
        return true;
    qCCritical(lcTransport, "cannot listen again after accept errors: %ls", qUtf16Printable(errorString()));
    ::close(duplicate);
    return false;
#else
    return false;
#endif
}

void GuardedTcpServer::bump(Counter counter)
{
    m_counters[counter].fetch_add(1, std::memory_order_relaxed);
}

} // namespace javumbo::server
