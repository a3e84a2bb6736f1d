#pragma once

#include <QHash>
#include <QObject>

QT_BEGIN_NAMESPACE
class QSocketNotifier;
class QTcpSocket;
QT_END_NAMESPACE

namespace javumbo::server {

// Takes idle connections out of Qt's event loop and watches them in one epoll set instead.
//
// Qt 6.4's event dispatcher (glib on Debian) polls every enabled socket notifier on every pass
// of the loop, and searches the whole list to disable one (which every answer does for its write
// notifier): with 10,000 idle keep-alive connections the loop spent most of its time in poll()
// and in that search, and every request paid for it (docs/platform-notes.md §29). A parked
// socket's read notifier is disabled, so Qt no longer looks at it; the kernel tells the one epoll
// descriptor (watched by one notifier) when it becomes readable or closes, and the socket is
// handed back to Qt before anything is read. Nothing about the socket changes but who waits.
//
// Linux only; elsewhere park() returns false and connections simply stay in Qt's loop.
class IdleParking : public QObject
{
    Q_OBJECT

public:
    explicit IdleParking(QObject *parent = nullptr);
    ~IdleParking() override;

    // Stops Qt from watching `socket` (its read notifier disabled) and watches it here until it
    // becomes readable or unpark() is called. `key` is unique per socket; false when not parked.
    bool park(QTcpSocket *socket, quint64 key);
    // Hands the socket back to Qt's loop. Call before the socket closes or is destroyed.
    void unpark(QTcpSocket *socket, quint64 key);
    int parkedCount() const { return int(m_parked.size()); }

Q_SIGNALS:
    // Data or a close arrived on a parked socket; the receiver unparks it.
    void woken(QTcpSocket *socket);

private:
    struct Parked
    {
        QTcpSocket *socket = nullptr;
        int descriptor = -1;
    };
    void onReadable();

    int m_epoll = -1;
    QSocketNotifier *m_notifier = nullptr;
    QHash<quint64, Parked> m_parked;
};

} // namespace javumbo::server
