#include "guardedsocket.h"

#include "transport/guardedtcpserver.h"
#include "transport/rejectionresponse.h"
#include "transport/requestid.h"

#include <algorithm>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

using namespace Qt::StringLiterals;

namespace javumbo::server {

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
    connect(this, &QTcpSocket::readyRead, this, &GuardedSocket::screenChunk);
    connect(this, &QTcpSocket::bytesWritten, this, &GuardedSocket::onBytesWritten);
    connect(this, &QTcpSocket::disconnected, this, [this] {
        m_server.forget(this);
        m_server.wheel().cancel(*this);
    });
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
        write(next.bytes);
        if (m_state == State::Answering) {
            flush();
            // flush() may already have reported bytesWritten and moved us on.
            if (m_state == State::Answering && bytesToWrite() == 0)
                shutDownWriteSide();
            return;
        }
    }
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
            const HeadRejection &rejection = m_screen.rejection();
            refuseHead(rejection.status, rejection.code, rejection.message);
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

void GuardedSocket::refuseHead(int status, const QString &code, const QString &message)
{
    const QString requestId = isValidRequestId(m_screen.requestId())
        ? QString::fromLatin1(m_screen.requestId())
        : generateRequestId();
    m_deferredRefusal = buildRejectionResponse(status, code, message, requestId, 0, m_screen.isHttp10());
    m_server.noteRejected(status, code, requestId, peerAddress(), QString::fromLatin1(m_screen.method()),
        QString::fromLatin1(m_screen.path()));
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
        if (m_lastActivityMs == 0)
            m_lastActivityMs = nowMs;
        deadline = m_lastActivityMs + limits.idleTimeout.count();
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
        const HeadRejection &rejection = m_screen.rejection();
        refuseHead(rejection.status, rejection.code, rejection.message);
        rearm(nowMs);
        return;
    }
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
