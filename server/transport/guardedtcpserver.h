#pragma once

#include "transport/deadlinewheel.h"
#include "transport/idleparking.h"
#include "transport/transportlimits.h"

#include <QHash>
#include <QHostAddress>
#include <QTcpServer>
#include <QTimer>

#include <array>
#include <atomic>
#include <chrono>

namespace javumbo::server {

class GuardedSocket;

// The QTcpServer handed to QAbstractHttpServer::bind(): caps connections (in all and per client
// address), closes idle ones and bounds slow heads,
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
    // Open connections that idle as descriptors outside Qt (IdleParking); server thread only.
    int parkedConnections() const { return m_parking.parkedCount(); }
    TransportCounters counters() const;

Q_SIGNALS:
    // The guard answered a request (or a connection) itself; for the access log. method and
    // path are empty when the head did not get that far (and always for 503).
    void requestRejected(int status, const QString &code, const QString &requestId, const QHostAddress &peer,
        const QString &method, const QString &path);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    friend class GuardedSocket; // reports refusals and closes, and leaves

    enum Counter
    {
        Accepted,
        RejectedHeaders,
        RejectedBodies,
        RejectedLengthRequired,
        RejectedBadRequest,
        RejectedConnections,
        RejectedUpgrades,
        HeadTimeouts,
        IdleClosed,
        AcceptErrors,
        CounterCount,
    };

    void admit(GuardedSocket *socket);
    void unpark(int descriptor, const QHostAddress &countedAddress);
    void handToHttpServer(GuardedSocket *socket);
    void refuse(GuardedSocket *socket, const QString &message);
    void bringBindingToFront();
    // A socket leaves: counts it out, unless its connection went on to the parking.
    void forget(GuardedSocket *socket);
    void handOverToParking(GuardedSocket *socket);
    // One connection fewer, counted under `countedAddress` (null: not counted per address).
    void release(const QHostAddress &countedAddress);
    DeadlineWheel &wheel() { return m_wheel; }
    IdleParking &parking() { return m_parking; }
    void releaseMemory();
    void noteRejected(int status, const QString &code, const QString &requestId, const QHostAddress &peer,
        const QString &method, const QString &path);
    void noteIdleClosed() { bump(IdleClosed); }
    void onAcceptError(QAbstractSocket::SocketError error);
    void resumeAfterError();
    bool renewListeningSocket();
    void bump(Counter counter);

    TransportLimits m_limits;
    std::atomic<int> m_openConnections {0};
    std::array<std::atomic<quint64>, CounterCount> m_counters {};
    // Open connections per client address (trusted proxies not counted); an address leaves at zero.
    QHash<QHostAddress, int> m_perAddress;
    DeadlineWheel m_wheel;
    IdleParking m_parking;
    int m_sinceRebind = 0; // new connections since the binding to the HTTP server was renewed
    int m_openHighWater = 0; // since memory was last handed back
    int m_parkedSinceTrim = 0; // connections parked since memory was handed back
    QTimer m_trimTimer;
    int m_refusalsClosing = 0;
    QTimer m_resumeTimer;
    std::chrono::milliseconds m_acceptBackoff;
};

} // namespace javumbo::server
