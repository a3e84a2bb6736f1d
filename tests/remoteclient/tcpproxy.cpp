#include "tcpproxy.h"

#include <QMutex>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

#include <algorithm>
#include <optional>

namespace javumbo::testsupport {

// Everything that touches sockets, on the proxy's thread.
class TcpProxy::Core : public QObject
{
public:
    explicit Core(quint16 upstreamPort) : m_upstreamPort(upstreamPort)
    {
        m_server.setParent(this); // moves to the proxy thread with its Core
        connect(&m_server, &QTcpServer::newConnection, this, &Core::accept);
    }

    quint16 listen(quint16 port)
    {
        if (!m_server.listen(QHostAddress::LocalHost, port))
            qFatal("proxy: cannot listen: %s", qPrintable(m_server.errorString()));
        return m_server.serverPort();
    }

    void stop()
    {
        m_server.close();
        for (const QPointer<QTcpSocket> &socket : std::as_const(m_sockets)) {
            if (socket)
                socket->abort();
        }
        m_sockets.clear();
    }

    mutable QMutex mutex; // guards everything below
    quint16 m_upstreamPort = 0;
    std::optional<QByteArray> m_dropStart;
    std::optional<std::pair<QByteArray, QByteArray>> m_answer;
    QList<QByteArray> m_requestLines;
    int m_dropped = 0;

private:
    void accept()
    {
        while (QTcpSocket *client = m_server.nextPendingConnection()) {
            auto *server = new QTcpSocket(client);
            m_sockets.append(client);
            m_sockets.append(server);
            auto dropReply = std::make_shared<bool>(false);
            {
                const QMutexLocker lock(&mutex);
                server->connectToHost(QHostAddress::LocalHost, m_upstreamPort);
            }
            connect(client, &QTcpSocket::readyRead, this, [this, client, server, dropReply] {
                const QByteArray data = client->readAll();
                if (!route(data, *client, dropReply))
                    return;
                server->write(data); // buffered until connected
            });
            connect(server, &QTcpSocket::readyRead, this, [this, client, server, dropReply] {
                const QByteArray data = server->readAll();
                if (*dropReply) {
                    {
                        const QMutexLocker lock(&mutex);
                        ++m_dropped;
                    }
                    client->abort();
                    server->abort();
                    return;
                }
                client->write(data);
            });
            connect(server, &QTcpSocket::disconnected, client, [client] { client->disconnectFromHost(); });
            connect(server, &QTcpSocket::errorOccurred, client, [client] { client->disconnectFromHost(); });
            connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
        }
    }

    // Whether `data` goes on to the server; applies the rules to a request's first bytes.
    bool route(const QByteArray &data, QTcpSocket &client, const std::shared_ptr<bool> &dropReply)
    {
        const QMutexLocker lock(&mutex);
        const qsizetype lineEnd = data.indexOf("\r\n");
        const QByteArray line = data.left(lineEnd);
        if (lineEnd > 0 && line.contains(" HTTP/1."))
            m_requestLines.append(line);
        if (m_answer && data.startsWith(m_answer->first)) {
            client.write(m_answer->second);
            m_answer.reset();
            return false;
        }
        if (m_dropStart && data.startsWith(*m_dropStart)) {
            *dropReply = true;
            m_dropStart.reset();
        }
        return true;
    }

    QTcpServer m_server;
    QList<QPointer<QTcpSocket>> m_sockets;
};

TcpProxy::TcpProxy(quint16 upstreamPort)
{
    m_thread.setObjectName(QStringLiteral("test-tcp-proxy"));
    m_thread.start();
    m_core = new Core(upstreamPort);
    m_core->moveToThread(&m_thread);
    QMetaObject::invokeMethod(
        m_core, [this] { m_port = m_core->listen(0); }, Qt::BlockingQueuedConnection);
}

TcpProxy::~TcpProxy()
{
    QMetaObject::invokeMethod(
        m_core,
        [this] {
            m_core->stop();
            delete m_core;
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void TcpProxy::setUpstreamPort(quint16 port)
{
    const QMutexLocker lock(&m_core->mutex);
    m_core->m_upstreamPort = port;
}

void TcpProxy::dropReplyOnce(const QByteArray &requestStart)
{
    const QMutexLocker lock(&m_core->mutex);
    m_core->m_dropStart = requestStart;
}

void TcpProxy::answerOnce(const QByteArray &requestStart, const QByteArray &response)
{
    const QMutexLocker lock(&m_core->mutex);
    m_core->m_answer = std::pair {requestStart, response};
}

void TcpProxy::setReachable(bool reachable)
{
    QMetaObject::invokeMethod(
        m_core,
        [this, reachable] {
            if (reachable)
                m_core->listen(m_port);
            else
                m_core->stop();
        },
        Qt::BlockingQueuedConnection);
}

int TcpProxy::requestsSeen(const QByteArray &requestStart) const
{
    const QMutexLocker lock(&m_core->mutex);
    return int(std::count_if(m_core->m_requestLines.cbegin(), m_core->m_requestLines.cend(),
        [&](const QByteArray &line) { return line.startsWith(requestStart); }));
}

int TcpProxy::repliesDropped() const
{
    const QMutexLocker lock(&m_core->mutex);
    return m_core->m_dropped;
}

} // namespace javumbo::testsupport
