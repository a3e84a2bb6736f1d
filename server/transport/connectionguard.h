#pragma once

#include "transport/requestheadscreen.h"
#include "transport/transportlimits.h"

#include <QObject>
#include <QTimer>

QT_BEGIN_NAMESPACE
class QTcpSocket;
QT_END_NAMESPACE

namespace javumbo::server {

// Watches one connection for GuardedTcpServer: screens every chunk before QtHttpServer's parser
// sees it, closes the connection when it idles, and answers and closes politely after a
// refusal. Lives as a child of its socket, so it dies with it.
class ConnectionGuard : public QObject
{
    Q_OBJECT

public:
    // Connects the screen to `socket`'s readyRead: construct it before the parser connects.
    ConnectionGuard(QTcpSocket *socket, const TransportLimits &limits);

    // Connects the bookkeeping that must run after the parser's readyRead slot.
    void followParser();
    // Refuses the whole connection (connection cap) without waiting for a request.
    void refuse(int status, const QString &code, const QString &message, int retryAfterSeconds);

Q_SIGNALS:
    // A refusal was written; requestId is the one the answer carries.
    void rejected(int status, const QString &code, const QString &requestId, const QString &method,
        const QString &path);
    void idleClosed();

private:
    enum class State
    {
        Open,
        Answering, // a refusal is being written
        Lingering, // refusal written and write side shut: draining until the client closes
        Closing, // idle close under way
    };

    void screenChunk();
    void rememberParserBacklog();
    void rejectHead();
    void answerAndClose(const QByteArray &response);
    void onBytesWritten();
    void shutDownWriteSide();
    void drain();
    void closeIdle();
    void abortNow();

    QTcpSocket *m_socket;
    RequestHeadScreen m_screen;
    QTimer m_idleTimer;
    QTimer m_closeTimer;
    State m_state = State::Open;
    // Bytes at the front of the socket's buffer that the screen has seen but the parser has
    // not consumed yet: whatever lies beyond them on the next readyRead is new.
    qint64 m_screenedBacklog = 0;
};

} // namespace javumbo::server
