#pragma once

#include "transport/deadlinewheel.h"
#include "transport/requestheadscreen.h"

#include <QHostAddress>
#include <QList>
#include <QTcpSocket>

namespace javumbo::server {

class GuardedTcpServer;

// One connection behind GuardedTcpServer. It screens every chunk before QtHttpServer's parser
// sees it, bounds how long a head may take and how long the connection may idle, writes the
// answers in request order, stops reading after the last request, and answers and closes
// politely after a refusal. All of it in the socket itself, with no QObject or QTimer of its
// own: an idle connection should cost little more than Qt's own socket (docs/platform-notes.md
// §29).
//
// The HTTP layer (HttpAdapter) takes one exchange per request the parser hands it, in order,
// and hands each answer back with respond(), in any order.
class GuardedSocket : public QTcpSocket, private DeadlineWheel::Entry
{
    Q_OBJECT

public:
    // How to answer one request, and its place in the order of answers.
    struct Exchange
    {
        quint64 sequence = 0;
        bool http10 = false; // answer with an HTTP/1.0 status line
        bool keepAlive = true; // false: the answer carries Connection: close and the connection ends
        bool head = false; // a HEAD request: the answer's head only, with the body's Content-Length
    };

    explicit GuardedSocket(GuardedTcpServer &server);
    ~GuardedSocket() override;

    // Connects the screen to readyRead: call before the parser connects (addPendingConnection).
    void startScreening();
    // Connects the bookkeeping that must run after the parser's readyRead slot.
    void followParser();
    // Refuses the whole connection (connection caps) without waiting for a request.
    void refuseConnection(int status, const QString &code, const QString &message, int retryAfterSeconds);

    // For the request the parser is handing over now (call from its handleRequest).
    Exchange beginExchange();
    // Sends the complete answer to exchange `sequence` once every earlier one is sent; when
    // `close`, the connection closes after it and later answers are dropped.
    void respond(quint64 sequence, QByteArray response, bool close);

private:
    friend class GuardedTcpServer; // counts it in and out (m_counted, m_countedAddress)

    enum class State
    {
        Open,
        Discarding, // no further request will be parsed: arriving bytes are thrown away
        Answering, // the last answer is being written
        Lingering, // write side shut: draining until the client closes
        Closing, // idle close under way
        Parked, // handed to IdleParking: this socket is going, the connection lives on
    };
    struct Pending
    {
        quint64 sequence = 0;
        QByteArray bytes;
        bool close = false;
    };

    bool park();
    bool isParkable() const;
    void writeAnswer(const QByteArray &bytes);
    void writeThroughQt(const QByteArray &bytes);
    void screenChunk();
    void afterParser();
    qint64 parserConsumed() const;
    void finishReadingIfParserIsDone();
    // Answers the screen's rejection once the requests before it are answered.
    void refuseHead();
    void queueFinalAnswer(QByteArray response);
    void sendInOrder();
    void onBytesWritten();
    void shutDownWriteSide();
    void drain();
    void closeIdle();
    void abortNow();
    void rearm(qint64 nowMs);
    void deadlineReached(qint64 nowMs) override;
    bool hasAnswersOutstanding() const { return m_nextToSend < m_nextSequence; }

    GuardedTcpServer &m_server;
    RequestHeadScreen m_screen;
    State m_state = State::Open;
    // Bytes of the stream that reached the socket's buffer and were screened.
    qint64 m_received = 0;
    // Bytes at the front of the socket's buffer that the screen has seen but the parser has not
    // consumed yet: whatever lies beyond them on the next readyRead is new.
    qint64 m_screenedBacklog = 0;
    qint64 m_lastActivityMs = 0;
    qint64 m_headStartedMs = -1; // while a head is arriving
    qint64 m_closeStartedMs = -1; // once a close is under way
    // A refusal waiting until the parser has read the requests that came before it.
    QByteArray m_deferredRefusal;
    quint64 m_nextSequence = 0; // of the next exchange begun
    quint64 m_nextToSend = 0; // of the next answer to write
    QList<Pending> m_pending; // answers finished ahead of their turn, by sequence
    // Counted in GuardedTcpServer's open connections, under this peer address.
    bool m_counted = false;
    bool m_watchingWrites = false; // bytesWritten connected
    QHostAddress m_countedAddress;
};

} // namespace javumbo::server
