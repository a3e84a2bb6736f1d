#include "connectionguard.h"

#include "transport/rejectionresponse.h"
#include "transport/requestid.h"

#include <QTcpSocket>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace javumbo::server {

ConnectionGuard::ConnectionGuard(QTcpSocket *socket, const TransportLimits &limits)
    : QObject(socket), m_socket(socket), m_screen(limits)
{
    m_idleTimer.setSingleShot(true);
    m_idleTimer.setInterval(limits.idleTimeout);
    connect(&m_idleTimer, &QTimer::timeout, this, &ConnectionGuard::closeIdle);
    m_closeTimer.setSingleShot(true);
    m_closeTimer.setInterval(limits.closeTimeout);
    connect(&m_closeTimer, &QTimer::timeout, this, &ConnectionGuard::abortNow);

    // Slots run in connection order: this one is connected before QtHttpServer's parser, so it
    // sees every chunk first and can drain a refused one before the parser reads a byte of it.
    connect(m_socket, &QTcpSocket::readyRead, this, &ConnectionGuard::screenChunk);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &ConnectionGuard::onBytesWritten);
    connect(m_socket, &QTcpSocket::disconnected, this, [this] {
        m_idleTimer.stop();
        m_closeTimer.stop();
    });
    m_idleTimer.start();
}

void ConnectionGuard::followParser()
{
    connect(m_socket, &QTcpSocket::readyRead, this, &ConnectionGuard::rememberParserBacklog);
}

void ConnectionGuard::refuse(int status, const QString &code, const QString &message, int retryAfterSeconds)
{
    const QString requestId = generateRequestId();
    answerAndClose(buildRejectionResponse(status, code, message, requestId, retryAfterSeconds));
    Q_EMIT rejected(status, code, requestId, QString(), QString());
}

void ConnectionGuard::screenChunk()
{
    if (m_state != State::Open) {
        drain();
        return;
    }
    m_idleTimer.start();

    // The parser stops after each complete request and leaves what follows in the buffer for a
    // later readyRead (README.md), so "available" is not "new": skip what was screened already.
    const qint64 available = m_socket->bytesAvailable();
    const qint64 fresh = available - m_screenedBacklog;
    m_screenedBacklog = available;
    if (fresh <= 0)
        return;

    // Body bytes need no look: count them without copying them out of the socket.
    if (m_screen.phase() == RequestHeadScreen::Phase::InBody && fresh <= m_screen.bodyBytesRemaining()) {
        m_screen.skipBody(fresh);
        return;
    }
    // peek() leaves every accepted byte in place for the parser.
    const QByteArray buffered = m_socket->peek(available);
    const qint64 unseen = std::min<qint64>(fresh, buffered.size());
    if (!m_screen.feed(QByteArrayView(buffered).last(unseen)))
        rejectHead();
}

void ConnectionGuard::rememberParserBacklog()
{
    m_screenedBacklog = m_state == State::Open ? m_socket->bytesAvailable() : 0;
}

void ConnectionGuard::rejectHead()
{
    // First, so that the parser, whose slot runs right after this one, finds nothing to read.
    drain();
    const HeadRejection &rejection = m_screen.rejection();
    const QString requestId = isValidRequestId(m_screen.requestId())
        ? QString::fromLatin1(m_screen.requestId())
        : generateRequestId();
    answerAndClose(buildRejectionResponse(rejection.status, rejection.code, rejection.message, requestId));
    Q_EMIT rejected(rejection.status, rejection.code, requestId, QString::fromLatin1(m_screen.method()),
        QString::fromLatin1(m_screen.path()));
}

void ConnectionGuard::answerAndClose(const QByteArray &response)
{
    m_state = State::Answering;
    m_idleTimer.stop();
    // Bounds the whole goodbye, however slowly the client reads or however long it keeps sending.
    m_closeTimer.start();
    m_socket->write(response);
    m_socket->flush();
    // flush() may already have reported bytesWritten and moved us on.
    if (m_state == State::Answering && m_socket->bytesToWrite() == 0)
        shutDownWriteSide();
}

void ConnectionGuard::onBytesWritten()
{
    if (m_state == State::Open)
        m_idleTimer.start();
    else if (m_state == State::Answering && m_socket->bytesToWrite() == 0)
        shutDownWriteSide();
}

void ConnectionGuard::shutDownWriteSide()
{
    m_state = State::Lingering;
#ifdef Q_OS_UNIX
    // Not disconnectFromHost(): closing a socket with unread input (the body the client is still
    // sending) makes the kernel send a reset that can destroy the answer before the client reads
    // it. Sending FIN and draining until the client closes is the lingering close of HTTP servers.
    const qintptr descriptor = m_socket->socketDescriptor();
    if (descriptor != -1 && ::shutdown(int(descriptor), SHUT_WR) == 0)
        return;
#endif
    m_socket->disconnectFromHost();
}

void ConnectionGuard::drain()
{
    // QtHttpServer reads inside a socket transaction that keeps every byte of an unfinished
    // request buffered; committing it lets the skipped bytes go, so a client that keeps sending
    // after a refusal cannot grow our memory.
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();
    m_socket->skip(m_socket->bytesAvailable());
    m_screenedBacklog = 0;
}

void ConnectionGuard::closeIdle()
{
    if (m_state != State::Open || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    m_state = State::Closing;
    Q_EMIT idleClosed();
    m_closeTimer.start();
    m_socket->disconnectFromHost();
}

void ConnectionGuard::abortNow()
{
    if (m_socket->state() != QAbstractSocket::UnconnectedState)
        m_socket->abort();
}

} // namespace javumbo::server
