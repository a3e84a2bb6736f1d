#pragma once

#include "transport/transportlimits.h"

#include <QHostAddress>
#include <QSet>
#include <QTcpServer>
#include <QTimer>

#include <array>
#include <atomic>
#include <chrono>

namespace javumbo::server {

// The QTcpServer handed to QAbstractHttpServer::bind(): caps connections, closes idle ones,
// survives accept errors, and screens every request head before QtHttpServer 6.4.2's parser
// (431, 413, 411, 400). README.md beside this file says what it assumes about that parser.
//
// Threading: lives in the HTTP server's thread and does all its work there. openConnections()
// and counters() read atomics and may be called from any thread.
class GuardedTcpServer : public QTcpServer
{
    Q_OBJECT

public:
    explicit GuardedTcpServer(const TransportLimits &limits = {}, QObject *parent = nullptr);
    ~GuardedTcpServer() override;

    const TransportLimits &limits() const { return m_limits; }
    // Connections handed to the HTTP server and not yet disconnected.
    int openConnections() const;
    TransportCounters counters() const;

Q_SIGNALS:
    // The guard answered a request (or a connection) itself; for the access log. method and
    // path are empty when the head did not get that far (and always for 503).
    void requestRejected(int status, const QString &code, const QString &requestId, const QHostAddress &peer,
        const QString &method, const QString &path);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    enum Counter
    {
        Accepted,
        RejectedHeaders,
        RejectedBodies,
        RejectedLengthRequired,
        RejectedBadRequest,
        RejectedConnections,
        IdleClosed,
        AcceptErrors,
        CounterCount,
    };

    void admit(qintptr socketDescriptor);
    void refuse(qintptr socketDescriptor);
    void forget(QObject *socket);
    void onRejected(int status, const QString &code, const QString &requestId, const QHostAddress &peer,
        const QString &method, const QString &path);
    void onAcceptError(QAbstractSocket::SocketError error);
    void resumeAfterError();
    bool renewListeningSocket();
    void bump(Counter counter);

    TransportLimits m_limits;
    std::atomic<int> m_openConnections {0};
    std::array<std::atomic<quint64>, CounterCount> m_counters {};
    // Keys only, never dereferenced: a socket leaves on disconnected or destroyed, whichever is first.
    QSet<QObject *> m_served;
    int m_refusalsClosing = 0;
    QTimer m_resumeTimer;
    std::chrono::milliseconds m_acceptBackoff;
};

} // namespace javumbo::server
