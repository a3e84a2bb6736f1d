#pragma once

#include "transport/deadlinewheel.h"

#include <QHostAddress>
#include <QObject>

#include <memory>
#include <vector>

QT_BEGIN_NAMESPACE
class QSocketNotifier;
QT_END_NAMESPACE

namespace javumbo::server {

// Holds idle keep-alive connections without their QTcpSocket: a parked connection is its
// descriptor in one epoll set, the address it is counted under and its idle deadline (about a
// hundred bytes), until the client sends, closes, or idles too long.
//
// Why: Qt 6.4's event dispatcher (glib on Debian) polls every enabled socket notifier on every
// pass of the loop, and a QTcpSocket with QtHttpServer's request object costs about 4 KB of heap
// (docs/platform-notes.md §§29–30). Between two keep-alive requests nothing of that matters: the
// parser is between requests, nothing is buffered, no answer is outstanding. So the socket goes,
// and when data arrives the owner builds a fresh socket on the same descriptor and hands it to
// the HTTP server again, as if the client had just connected.
//
// Linux only; elsewhere park() returns false and connections simply stay sockets.
// Single-threaded: the thread of the wheel.
class IdleParking : public QObject
{
    Q_OBJECT

public:
    explicit IdleParking(DeadlineWheel &wheel, QObject *parent = nullptr);
    ~IdleParking() override; // closes every parked descriptor

    // Takes `descriptor` over: a duplicate the caller made of a socket that is about to go.
    // False when it cannot be parked; the caller still owns the descriptor then.
    bool park(int descriptor, const QHostAddress &countedAddress, qint64 idleDeadlineMs);
    int parkedCount() const { return m_parkedCount; }

Q_SIGNALS:
    // The client sent something: the receiver owns `descriptor` again and makes it a socket.
    void readable(int descriptor, const QHostAddress &countedAddress);
    // The connection is over and its descriptor closed: the client closed it, or (idleTimeout)
    // it idled past its deadline and was closed here. The receiver counts it out.
    void ended(const QHostAddress &countedAddress, bool idleTimeout);

private:
    struct Parked;
    enum class Peer
    {
        Sent, // bytes are waiting
        Quiet, // still connected, nothing to read
        Gone, // closed or reset
    };
    static Peer look(int descriptor);
    // The record of `descriptor`, in use or not; null when out of range and !grow.
    Parked *record(int descriptor, bool grow);
    void onEpollReadable();
    void expire(Parked &parked);
    // Takes the connection out of the set; the caller hands the descriptor on or closes it.
    void unpark(int descriptor);

    DeadlineWheel &m_wheel;
    int m_epoll = -1;
    QSocketNotifier *m_notifier = nullptr;
    // Records by descriptor, in blocks that never move (the wheel links into them) and are never
    // freed: descriptors are small, dense numbers. Not a node per record: records made one by one
    // land in the holes the parked sockets left, one to a page, and keep every page resident.
    std::vector<std::unique_ptr<Parked[]>> m_blocks;
    int m_parkedCount = 0;
};

} // namespace javumbo::server
