// javumbo_idleclients: holds many idle keep-alive connections to a server, for idlebench.sh.
//
//   javumbo_idleclients PORT COUNT [PER_ADDRESS]
//
// Opens COUNT connections in batches of 500, each one sending GET /api/v1/health and reading the
// answer before it idles (as a browser tab's connection does), and prints one line per batch:
//   batch open_before=N connections=500 seconds=S rate=R
// The batches that start with 0 and COUNT/2 open, and the probe below, first let the open ones
// idle for a while (settleSeconds): they measure the set-up rate beside idle connections, not
// beside connections that were answered a moment ago.
// Then it opens one more batch as a probe of the set-up rate with COUNT open, closes the probe,
// prints "holding COUNT" and waits until its standard input closes (or "close" is read), then
// closes every connection and prints "closed". Source addresses rotate over 127.0.1.x, PER_ADDRESS
// connections each (default 500), so that a per-address connection cap need not be lifted.
//
// Plain POSIX sockets and epoll: the client must cost far less than the server it measures.
// At most 32 set-ups are in flight at once, so that the listen backlog is not what is measured.
#include "common/openfilelimit.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

namespace {

constexpr int batchSize = 500;
constexpr int inFlight = 32;
constexpr unsigned settleSeconds = 3;
constexpr char request[] = "GET /api/v1/health HTTP/1.1\r\nHost: bench\r\n\r\n";

struct Setup
{
    int fd = -1;
    bool sent = false;
    std::string received;
};

int openOne(quint16 port, int serial, int perAddress)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        std::perror("socket");
        std::exit(1);
    }
    const int address = serial / perAddress;
    sockaddr_in source {};
    source.sin_family = AF_INET;
    source.sin_addr.s_addr
        = htonl((127u << 24) | (1u << 8) | quint32(1 + address % 250) | ((address / 250) << 16));
    if (::bind(fd, reinterpret_cast<sockaddr *>(&source), sizeof source) != 0) {
        std::perror("bind");
        std::exit(1);
    }
    sockaddr_in target {};
    target.sin_family = AF_INET;
    target.sin_port = htons(port);
    target.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&target), sizeof target) != 0 && errno != EINPROGRESS) {
        std::perror("connect");
        std::exit(1);
    }
    return fd;
}

// A complete answer: head plus Content-Length bytes of body.
bool isComplete(const std::string &bytes)
{
    const auto headEnd = bytes.find("\r\n\r\n");
    if (headEnd == std::string::npos)
        return false;
    std::size_t length = 0;
    const auto field = bytes.find("Content-Length: ");
    if (field != std::string::npos && field < headEnd)
        length = std::strtoul(bytes.c_str() + field + 16, nullptr, 10);
    return bytes.size() >= headEnd + 4 + length;
}

// Opens `count` connections, each answered once; returns their descriptors.
std::vector<int> openBatch(quint16 port, int firstSerial, int count, int perAddress)
{
    const int poller = ::epoll_create1(EPOLL_CLOEXEC);
    std::vector<Setup> setups(count);
    std::vector<int> done;
    int started = 0;
    int active = 0;
    const auto start = [&] {
        Setup &setup = setups[started];
        setup.fd = openOne(port, firstSerial + started, perAddress);
        epoll_event event {};
        event.events = EPOLLOUT | EPOLLIN;
        event.data.u32 = quint32(started);
        ::epoll_ctl(poller, EPOLL_CTL_ADD, setup.fd, &event);
        ++started;
        ++active;
    };
    while (started < count && active < inFlight)
        start();
    std::vector<epoll_event> events(inFlight);
    while (active > 0) {
        const int ready = ::epoll_wait(poller, events.data(), int(events.size()), 10000);
        if (ready <= 0) {
            std::fprintf(stderr, "idleclients: no progress for 10 s\n");
            std::exit(1);
        }
        for (int i = 0; i < ready; ++i) {
            Setup &setup = setups[events[i].data.u32];
            if (events[i].events & (EPOLLERR | EPOLLHUP)) {
                std::fprintf(
                    stderr, "idleclients: connection %d failed\n", firstSerial + int(events[i].data.u32));
                std::exit(1);
            }
            if (!setup.sent && (events[i].events & EPOLLOUT)) {
                if (::send(setup.fd, request, sizeof request - 1, MSG_NOSIGNAL) != sizeof request - 1) {
                    std::perror("send");
                    std::exit(1);
                }
                setup.sent = true;
                epoll_event event {};
                event.events = EPOLLIN;
                event.data.u32 = events[i].data.u32;
                ::epoll_ctl(poller, EPOLL_CTL_MOD, setup.fd, &event);
            }
            if (events[i].events & EPOLLIN) {
                char buffer[4096];
                const ssize_t got = ::recv(setup.fd, buffer, sizeof buffer, 0);
                if (got <= 0) {
                    std::fprintf(stderr, "idleclients: connection %d closed by the server\n",
                        firstSerial + int(events[i].data.u32));
                    std::exit(1);
                }
                setup.received.append(buffer, std::size_t(got));
                if (isComplete(setup.received)) {
                    if (setup.received.compare(0, 12, "HTTP/1.1 200") != 0) {
                        std::fprintf(
                            stderr, "idleclients: answer was %s\n", setup.received.substr(0, 40).c_str());
                        std::exit(1);
                    }
                    ::epoll_ctl(poller, EPOLL_CTL_DEL, setup.fd, nullptr);
                    done.push_back(setup.fd);
                    --active;
                    if (started < count)
                        start();
                }
            }
        }
    }
    ::close(poller);
    return done;
}

std::vector<int> timedBatch(quint16 port, int openBefore, int count, int perAddress)
{
    const auto begin = std::chrono::steady_clock::now();
    std::vector<int> batch = openBatch(port, openBefore, count, perAddress);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    std::printf("batch open_before=%d connections=%d seconds=%.3f rate=%.0f\n", openBefore, count, seconds,
        count / seconds);
    std::fflush(stdout);
    return batch;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s PORT COUNT [PER_ADDRESS]\n", argv[0]);
        return 2;
    }
    const auto port = quint16(std::atoi(argv[1]));
    const int count = std::atoi(argv[2]);
    const int perAddress = argc > 3 ? std::atoi(argv[3]) : 500;
    javumbo::raiseOpenFileLimit();

    std::vector<int> held;
    held.reserve(std::size_t(count));
    while (int(held.size()) < count) {
        const int open = int(held.size());
        if (open > 0 && open == count / 2)
            ::sleep(settleSeconds);
        const std::vector<int> batch = timedBatch(port, open, std::min(batchSize, count - open), perAddress);
        held.insert(held.end(), batch.begin(), batch.end());
    }
    ::sleep(settleSeconds);
    for (int fd : timedBatch(port, count, batchSize, perAddress))
        ::close(fd);
    std::printf("holding %d\n", count);
    std::fflush(stdout);

    std::string line;
    while (std::getline(std::cin, line) && line != "close") { }
    for (int fd : held)
        ::close(fd);
    std::printf("closed\n");
    return 0;
}
