#include "guardedsocket.h"

#include "transport/guardedtcpserver.h"
#include "transport/rejectionresponse.h"
#include "transport/requestid.h"

#include <algorithm>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace javumbo::server {

namespace {

// How long a connection idles before it leaves Qt's event loop: long enough that a client in a
// burst of requests never pays for parking, short enough that connections opened in a burst do
// not pile up in Qt's poll set while they wait (every unparked one is polled on every pass).
qint64 parkDelay(const TransportLimits &limits)
{
    return std::clamp<std::chrono::milliseconds>(limits.idleTimeout / 4, 10ms, 250ms).count();
}

} // namespace

GuardedSocket::GuardedSocket(GuardedTcpServer &server)
    : QTcpSocket(&server), m_server(server), m_screen(server.limits())
{ }

GuardedSocket::~GuardedSocket()
{
    m_server.forget(this);
}

void GuardedSocket::startScreening()
{
    // Slots run in connection order: this one is connected before QtHttpServer's parser, so it
    // sees every chunk first and can drain a refused one before the parser reads a byte of it.
    // Nothing on disconnected: QtHttpServer deletes the socket then (we do for refused ones), and
    // the destructor counts it out. Each connection costs memory on every idle socket.
    connect(this, &QTcpSocket::readyRead, this, &GuardedSocket::screenChunk);
    m_lastActivityMs = DeadlineWheel::nowMs();
    rearm(m_lastActivityMs);
}

void GuardedSocket::followParser()
{
    connect(this, &QTcpSocket::readyRead, this, &GuardedSocket::afterParser);
}

void GuardedSocket::refuseConnection(
    int status, const QString &code, const QString &message, int retryAfterSeconds)
{
    const QString requestId = generateRequestId();
    connect(this, &QTcpSocket::disconnected, this, &QObject::deleteLater); // never the parser's
    queueFinalAnswer(buildRejectionResponse(status, code, message, requestId, retryAfterSeconds));
    m_server.noteRejected(status, code, requestId, peerAddress(), QString(), QString());
}

GuardedSocket::Exchange GuardedSocket::beginExchange()
{
    Exchange exchange;
    exchange.sequence = m_nextSequence++;
    if (m_screen.hasFrame()) {
        const RequestFrame frame = m_screen.takeFrame();
        exchange.http10 = frame.http10;
        exchange.keepAlive = frame.keepAlive;
        exchange.head = frame.head;
    }
    return exchange;
}

void GuardedSocket::respond(quint64 sequence, QByteArray response, bool close)
{
    if (m_state != State::Open && m_state != State::Discarding)
        return; // closing already: an answer after the last one has no reader
    const auto later = std::find_if(m_pending.begin(), m_pending.end(),
        [sequence](const Pending &pending) { return pending.sequence > sequence; });
    m_pending.insert(later, Pending {sequence, std::move(response), close});
    sendInOrder();
}

void GuardedSocket::sendInOrder()
{
    // Pipelined requests finish on the pool in any order; their answers leave in request order.
    while (!m_pending.isEmpty() && m_pending.first().sequence == m_nextToSend) {
        Pending next = m_pending.takeFirst();
        ++m_nextToSend;
        if (next.close) {
            m_pending.clear();
            m_nextToSend = m_nextSequence;
            m_state = State::Answering;
            m_closeStartedMs = DeadlineWheel::nowMs();
            rearm(m_closeStartedMs);
        }
        writeAnswer(next.bytes);
        rearm(m_lastActivityMs);
        if (m_state == State::Answering) {
            if (bytesToWrite() > 0)
                flush();
            // flush() may already have reported bytesWritten and moved us on.
            if (m_state == State::Answering && bytesToWrite() == 0)
                shutDownWriteSide();
            return;
        }
    }
}

void GuardedSocket::writeAnswer(const QByteArray &bytes)
{
    m_lastActivityMs = DeadlineWheel::nowMs();
#ifdef Q_OS_UNIX
    // Straight to the kernel while Qt has nothing queued, as it nearly always has not. Qt would
    // copy a small answer into a 32 KiB write chunk that the socket keeps for good, and enable and
    // then disable its write notifier, which costs a search through every notifier of the thread
    // (docs/platform-notes.md §29). What the kernel does not take goes through Qt as before.
    if (bytesToWrite() == 0 && socketDescriptor() != -1) {
        const ssize_t sent = ::send(int(socketDescriptor()), bytes.constData(), std::size_t(bytes.size()),
            MSG_NOSIGNAL | MSG_DONTWAIT);
        if (sent == bytes.size())
            return;
        if (sent > 0) {
            writeThroughQt(bytes.sliced(sent));
            return;
        }
        // EAGAIN, or an error that Qt's own write reports.
    }
#endif
    writeThroughQt(bytes);
}

void GuardedSocket::writeThroughQt(const QByteArray &bytes)
{
    // Only answers the kernel did not take at once are ever written by Qt: watch its progress
    // from the first such one on.
    if (!m_watchingWrites) {
        m_watchingWrites = true;
        connect(this, &QTcpSocket::bytesWritten, this, &GuardedSocket::onBytesWritten);
    }
    write(bytes);
}

bool GuardedSocket::isParkable() const
{
    return m_state == State::Open && !hasAnswersOutstanding()
        && m_screen.phase() == RequestHeadScreen::Phase::BetweenRequests && !m_screen.isInHead()
        && bytesAvailable() == 0 && bytesToWrite() == 0;
}

bool GuardedSocket::park()
{
#ifdef Q_OS_UNIX
    // The parking keeps the connection on a duplicate of its descriptor, and this socket, its
    // buffers and QtHttpServer's request object go. Aborting closes only our descriptor: while
    // the duplicate is open the kernel sends nothing (no FIN, no reset) and keeps what arrives.
    const int duplicate = ::fcntl(int(socketDescriptor()), F_DUPFD_CLOEXEC, 0);
    if (duplicate < 0)
        return false;
    const qint64 idleDeadline = m_lastActivityMs + m_server.limits().idleTimeout.count();
    if (!m_server.parking().park(duplicate, m_countedAddress, idleDeadline)) {
        ::close(duplicate);
        return false;
    }
    m_server.handOverToParking(this); // the connection's counts go with it
    m_state = State::Parked;
    abort(); // QtHttpServer deletes its sockets once they disconnect; a refused one was never parked
    deleteLater();
    return true;
#else
    return false;
#endif
}

void GuardedSocket::screenChunk()
{
    if (m_state != State::Open) {
        drain();
        return;
    }
    // The parser stops after each complete request and leaves what follows in the buffer for a
    // later readyRead (README.md), so "available" is not "new": skip what was screened already.
    const qint64 available = bytesAvailable();
    const qint64 fresh = available - m_screenedBacklog;
    m_screenedBacklog = available;
    if (fresh <= 0)
        return;
    m_received += fresh;
    const qint64 now = DeadlineWheel::nowMs();
    m_lastActivityMs = now;
    if (m_screen.isFinished())
        return; // bytes beyond the last request or a refusal: afterParser() throws them away

    // Body bytes need no look: count them without copying them out of the socket.
    if (m_screen.phase() == RequestHeadScreen::Phase::InBody && fresh <= m_screen.bodyBytesRemaining()) {
        m_screen.skipBody(fresh);
    } else {
        // peek() leaves every accepted byte in place for the parser.
        const QByteArray buffered = peek(available);
        const qint64 unseen = std::min<qint64>(fresh, buffered.size());
        if (!m_screen.feed(QByteArrayView(buffered).last(unseen))) {
            refuseHead();
            return;
        }
    }
    // A head must arrive whole within headTimeout of its first byte, however it trickles in.
    if (!m_screen.isInHead())
        m_headStartedMs = -1;
    else if (m_headStartedMs < 0)
        m_headStartedMs = now;
    finishReadingIfParserIsDone();
    rearm(now);
}

void GuardedSocket::afterParser()
{
    m_screenedBacklog = m_state == State::Open ? bytesAvailable() : 0;
    if (m_state != State::Open)
        return;
    // Requests the parser has read were taken by the HTTP layer by now, if it asks at all.
    m_screen.forgetFramesBefore(parserConsumed());
    finishReadingIfParserIsDone();
}

qint64 GuardedSocket::parserConsumed() const
{
    // In the parser's transaction bytesAvailable() counts from its read position (README.md).
    return m_received - bytesAvailable();
}

void GuardedSocket::finishReadingIfParserIsDone()
{
    // Once the screen has passed its last request (a refusal, or a request that closes the
    // connection), nothing beyond that request may reach the parser: wait until it has read up
    // to there, then throw the rest away before its next readyRead.
    if (!m_screen.isFinished() || parserConsumed() < m_screen.passedEnd())
        return;
    m_screen.forgetFramesBefore(m_screen.passedEnd());
    m_state = State::Discarding;
    drain();
    if (!m_deferredRefusal.isEmpty())
        queueFinalAnswer(std::exchange(m_deferredRefusal, QByteArray()));
}

void GuardedSocket::refuseHead()
{
    const HeadRejection &rejection = m_screen.rejection();
    const QString requestId = isValidRequestId(m_screen.requestId())
        ? QString::fromLatin1(m_screen.requestId())
        : generateRequestId();
    m_deferredRefusal = buildRejectionResponse(
        rejection.status, rejection.code, rejection.message, requestId, 0, m_screen.isHttp10());
    m_server.noteRejected(rejection.status, rejection.code, requestId, peerAddress(),
        QString::fromLatin1(m_screen.method()), QString::fromLatin1(m_screen.path()));
    // Requests that passed before the refused one are still answered, first (README.md).
    finishReadingIfParserIsDone();
}

void GuardedSocket::queueFinalAnswer(QByteArray response)
{
    // After every request the parser has handed over so far: answers leave in request order.
    respond(m_nextSequence++, std::move(response), true);
}

void GuardedSocket::onBytesWritten()
{
    if (m_state == State::Open || m_state == State::Discarding)
        m_lastActivityMs = DeadlineWheel::nowMs();
    else if (m_state == State::Answering && bytesToWrite() == 0)
        shutDownWriteSide();
}

void GuardedSocket::shutDownWriteSide()
{
    m_state = State::Lingering;
    drain();
#ifdef Q_OS_UNIX
    // Not disconnectFromHost(): closing a socket with unread input (the body the client is still
    // sending) makes the kernel send a reset that can destroy the answer before the client reads
    // it. Sending FIN and draining until the client closes is the lingering close of HTTP servers.
    const qintptr descriptor = socketDescriptor();
    if (descriptor != -1 && ::shutdown(int(descriptor), SHUT_WR) == 0)
        return;
#endif
    disconnectFromHost();
}

void GuardedSocket::drain()
{
    // QtHttpServer reads inside a socket transaction that keeps every byte of an unfinished
    // request buffered; committing it lets the skipped bytes go, so a client that keeps sending
    // after a refusal cannot grow our memory.
    if (isTransactionStarted())
        commitTransaction();
    skip(bytesAvailable());
    m_screenedBacklog = 0;
}

void GuardedSocket::closeIdle()
{
    if (state() != QAbstractSocket::ConnectedState)
        return;
    m_state = State::Closing;
    m_server.noteIdleClosed();
    m_closeStartedMs = DeadlineWheel::nowMs();
    rearm(m_closeStartedMs);
    disconnectFromHost();
}

void GuardedSocket::abortNow()
{
    if (state() != QAbstractSocket::UnconnectedState)
        abort();
}

void GuardedSocket::rearm(qint64 nowMs)
{
    if (state() == QAbstractSocket::UnconnectedState)
        return;
    const TransportLimits &limits = m_server.limits();
    qint64 deadline = 0;
    if (m_state == State::Open || m_state == State::Discarding) {
        deadline = m_lastActivityMs + limits.idleTimeout.count();
        // Time to leave Qt's loop (IdleParking), unless that time passed while a request ran.
        const qint64 parkAt = m_lastActivityMs + parkDelay(limits);
        if (m_state == State::Open && parkAt > nowMs)
            deadline = std::min(deadline, parkAt);
        if (m_headStartedMs >= 0)
            deadline = std::min(deadline, m_headStartedMs + limits.headTimeout.count());
    } else {
        deadline = m_closeStartedMs + limits.closeTimeout.count();
    }
    m_server.wheel().schedule(*this, deadline);
}

void GuardedSocket::deadlineReached(qint64 nowMs)
{
    const TransportLimits &limits = m_server.limits();
    if (m_state == State::Parked)
        return;
    if (m_state != State::Open && m_state != State::Discarding) {
        if (nowMs >= m_closeStartedMs + limits.closeTimeout.count())
            abortNow();
        else
            rearm(nowMs);
        return;
    }
    if (m_state == State::Open && m_headStartedMs >= 0
        && nowMs >= m_headStartedMs + limits.headTimeout.count()) {
        m_headStartedMs = -1;
        m_screen.refuse(408, u"request_timeout"_s,
            u"the request head did not arrive within "_s
                % QString::number(limits.headTimeout.count() / 1000.0) % u" s"_s);
        refuseHead();
        rearm(nowMs);
        return;
    }
    if (nowMs >= m_lastActivityMs + parkDelay(limits) && isParkable() && park())
        return;
    if (nowMs >= m_lastActivityMs + limits.idleTimeout.count()) {
        // A request still being worked on is no idle connection: its answer restarts the clock.
        if (!hasAnswersOutstanding()) {
            closeIdle();
            return;
        }
        m_lastActivityMs = nowMs;
    }
    rearm(nowMs);
}

} // namespace javumbo::server
