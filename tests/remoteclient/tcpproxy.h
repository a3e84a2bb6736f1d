#pragma once

#include <QByteArray>
#include <QThread>

#include <memory>

namespace javumbo::testsupport {

// A TCP proxy on 127.0.0.1 in front of a server, on a thread of its own, that
// can misbehave on purpose, as networks do: lose the reply to a request the
// server did receive, answer a request itself, refuse connections. Rules
// match a request by how its first bytes begin ("POST /api/v1/cards ").
// Thread-safe; a stable port across server restarts (setUpstreamPort()).
class TcpProxy
{
public:
    explicit TcpProxy(quint16 upstreamPort);
    ~TcpProxy();
    TcpProxy(const TcpProxy &) = delete;
    TcpProxy &operator=(const TcpProxy &) = delete;

    quint16 port() const { return m_port; }
    void setUpstreamPort(quint16 port);
    // The next matching request reaches the server, but its client's
    // connection is cut as soon as the answer comes back, before a byte of it.
    void dropReplyOnce(const QByteArray &requestStart);
    // The next matching request gets `response` (a whole HTTP response) from
    // the proxy; the server never sees it.
    void answerOnce(const QByteArray &requestStart, const QByteArray &response);
    // false: stop listening and cut every connection (the server "gone"); true: listen again, same port.
    void setReachable(bool reachable);

    // Requests seen that began with `requestStart` (forwarded or not).
    int requestsSeen(const QByteArray &requestStart) const;
    int repliesDropped() const;

private:
    class Core;
    QThread m_thread;
    Core *m_core = nullptr; // lives on m_thread
    quint16 m_port = 0;
};

} // namespace javumbo::testsupport
