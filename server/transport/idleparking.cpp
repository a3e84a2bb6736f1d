#include "idleparking.h"

#include <QSocketNotifier>

#ifdef Q_OS_LINUX
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#endif

#include <array>

namespace javumbo::server {

namespace {
constexpr int blockSize = 512;
}

struct IdleParking::Parked final : DeadlineWheel::Entry
{
    void deadlineReached(qint64) override { parking->expire(*this); }
    bool inUse() const { return descriptor >= 0; }

    IdleParking *parking = nullptr;
    int descriptor = -1; // -1: free
    QHostAddress countedAddress; // the caller shares it with its per-address count's key
};

IdleParking::IdleParking(DeadlineWheel &wheel, QObject *parent) : QObject(parent), m_wheel(wheel)
{
#ifdef Q_OS_LINUX
    m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
    if (m_epoll >= 0) {
        m_notifier = new QSocketNotifier(m_epoll, QSocketNotifier::Read, this);
        connect(m_notifier, &QSocketNotifier::activated, this, &IdleParking::onEpollReadable);
    }
#endif
}

IdleParking::~IdleParking()
{
#ifdef Q_OS_LINUX
    for (const auto &block : m_blocks) {
        for (int i = 0; i < blockSize; ++i) {
            if (block[i].inUse())
                ::close(block[i].descriptor);
        }
    }
    if (m_epoll >= 0)
        ::close(m_epoll);
#endif
}

bool IdleParking::park(int descriptor, const QHostAddress &countedAddress, qint64 idleDeadlineMs)
{
#ifdef Q_OS_LINUX
    Parked *parked = m_epoll >= 0 ? record(descriptor, true) : nullptr;
    if (!parked || parked->inUse())
        return false;
    epoll_event event {};
    event.events = EPOLLIN | EPOLLRDHUP;
    event.data.fd = descriptor;
    if (::epoll_ctl(m_epoll, EPOLL_CTL_ADD, descriptor, &event) != 0)
        return false;
    parked->descriptor = descriptor;
    parked->countedAddress = countedAddress;
    m_wheel.schedule(*parked, idleDeadlineMs);
    ++m_parkedCount;
    return true;
#else
    Q_UNUSED(descriptor);
    Q_UNUSED(countedAddress);
    Q_UNUSED(idleDeadlineMs);
    return false;
#endif
}

IdleParking::Parked *IdleParking::record(int descriptor, bool grow)
{
    if (descriptor < 0)
        return nullptr;
    const auto block = std::size_t(descriptor / blockSize);
    if (block >= m_blocks.size()) {
        if (!grow)
            return nullptr;
        while (m_blocks.size() <= block) {
            m_blocks.push_back(std::make_unique<Parked[]>(blockSize));
            for (int i = 0; i < blockSize; ++i)
                m_blocks.back()[i].parking = this;
        }
    }
    return &m_blocks[block][descriptor % blockSize];
}

IdleParking::Peer IdleParking::look(int descriptor)
{
#ifdef Q_OS_LINUX
    char byte = 0;
    const ssize_t got = ::recv(descriptor, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    if (got > 0)
        return Peer::Sent;
    if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
        return Peer::Quiet;
    return Peer::Gone; // 0: the client closed; otherwise reset or failed
#else
    Q_UNUSED(descriptor);
    return Peer::Gone;
#endif
}

void IdleParking::unpark(int descriptor)
{
#ifdef Q_OS_LINUX
    ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, descriptor, nullptr);
#endif
    Parked *parked = record(descriptor, false);
    if (!parked || !parked->inUse())
        return;
    m_wheel.cancel(*parked);
    parked->descriptor = -1;
    parked->countedAddress.clear();
    --m_parkedCount;
}

void IdleParking::onEpollReadable()
{
#ifdef Q_OS_LINUX
    std::array<epoll_event, 256> events {};
    int ready = 0;
    do {
        ready = ::epoll_wait(m_epoll, events.data(), int(events.size()), 0);
        for (int i = 0; i < ready; ++i) {
            const int descriptor = events[std::size_t(i)].data.fd;
            const Parked *parked = record(descriptor, false);
            if (!parked || !parked->inUse())
                continue;
            const Peer peer = look(descriptor);
            if (peer == Peer::Quiet)
                continue; // woken for nothing: stays parked
            const QHostAddress address = parked->countedAddress;
            unpark(descriptor);
            if (peer == Peer::Sent) {
                Q_EMIT readable(descriptor, address);
            } else {
                ::close(descriptor);
                Q_EMIT ended(address, false);
            }
        }
    } while (ready == int(events.size()));
#endif
}

void IdleParking::expire(Parked &parked)
{
    const int descriptor = parked.descriptor;
    const QHostAddress address = parked.countedAddress;
    const Peer peer = look(descriptor);
    unpark(descriptor);
    if (peer == Peer::Sent) {
        // A request arrived in the same moment; the epoll set would have said so next.
        Q_EMIT readable(descriptor, address);
        return;
    }
#ifdef Q_OS_LINUX
    // Nothing unread: closing sends FIN, not a reset, and the kernel finishes the close.
    ::close(descriptor);
#endif
    Q_EMIT ended(address, peer == Peer::Quiet);
}

} // namespace javumbo::server
