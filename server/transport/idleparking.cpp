#include "idleparking.h"

#include <QSocketNotifier>
#include <QTcpSocket>

#ifdef Q_OS_LINUX
#include <sys/epoll.h>
#include <unistd.h>
#endif

#include <array>

namespace javumbo::server {

namespace {

// The socket engine's read notifier: a child of the engine, which is a child of the socket.
// Found by type rather than kept, because the engine owns and may replace it.
QSocketNotifier *readNotifier(QTcpSocket *socket)
{
    const auto notifiers = socket->findChildren<QSocketNotifier *>();
    for (QSocketNotifier *notifier : notifiers) {
        if (notifier->type() == QSocketNotifier::Read && notifier->socket() == socket->socketDescriptor())
            return notifier;
    }
    return nullptr;
}

} // namespace

IdleParking::IdleParking(QObject *parent) : QObject(parent)
{
#ifdef Q_OS_LINUX
    m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
    if (m_epoll >= 0) {
        m_notifier = new QSocketNotifier(m_epoll, QSocketNotifier::Read, this);
        connect(m_notifier, &QSocketNotifier::activated, this, &IdleParking::onReadable);
    }
#endif
}

IdleParking::~IdleParking()
{
#ifdef Q_OS_LINUX
    if (m_epoll >= 0)
        ::close(m_epoll);
#endif
}

bool IdleParking::park(QTcpSocket *socket, quint64 key)
{
#ifdef Q_OS_LINUX
    if (m_epoll < 0 || m_parked.contains(key))
        return false;
    QSocketNotifier *notifier = readNotifier(socket);
    const int descriptor = int(socket->socketDescriptor());
    if (!notifier || descriptor < 0)
        return false;
    epoll_event event {};
    event.events = EPOLLIN | EPOLLRDHUP;
    event.data.u64 = key;
    if (::epoll_ctl(m_epoll, EPOLL_CTL_ADD, descriptor, &event) != 0)
        return false;
    notifier->setEnabled(false);
    m_parked.insert(key, Parked {socket, descriptor});
    return true;
#else
    Q_UNUSED(socket);
    Q_UNUSED(key);
    return false;
#endif
}

void IdleParking::unpark(QTcpSocket *socket, quint64 key)
{
#ifdef Q_OS_LINUX
    const auto parked = m_parked.find(key);
    if (parked == m_parked.end())
        return;
    ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, parked->descriptor, nullptr);
    m_parked.erase(parked);
    if (QSocketNotifier *notifier = readNotifier(socket))
        notifier->setEnabled(true);
#else
    Q_UNUSED(socket);
    Q_UNUSED(key);
#endif
}

void IdleParking::onReadable()
{
#ifdef Q_OS_LINUX
    std::array<epoll_event, 256> events {};
    int ready = 0;
    do {
        ready = ::epoll_wait(m_epoll, events.data(), int(events.size()), 0);
        for (int i = 0; i < ready; ++i) {
            // A key not parked any more was unparked by an earlier wake-up in this batch.
            const auto parked = m_parked.constFind(events[std::size_t(i)].data.u64);
            if (parked != m_parked.cend())
                Q_EMIT woken(parked->socket);
        }
    } while (ready == int(events.size()));
#endif
}

} // namespace javumbo::server
