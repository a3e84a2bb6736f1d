#include "remotetransport.h"

#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QWaitCondition>

#include <memory>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

namespace {

// One exchange handed from a caller to the network thread and back.
struct Pending
{
    QMutex mutex;
    QWaitCondition finished;
    bool done = false;
    RawReply reply;
};

RawReply readReply(QNetworkReply &reply)
{
    RawReply raw;
    const QVariant status = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (status.isValid()) {
        raw.status = status.toInt();
        for (const auto &[name, value] : reply.rawHeaderPairs())
            raw.headers.append({name.toLower(), value});
        raw.body = reply.readAll();
        return raw;
    }
    raw.failure = reply.errorString();
    switch (reply.error()) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::NetworkSessionFailedError:
        raw.unreachable = true;
        break;
    default:
        break;
    }
    return raw;
}

} // namespace

RemoteTransport::RemoteTransport(std::chrono::milliseconds timeout) : m_timeout(timeout)
{
    m_thread.setObjectName(u"remote-client-network"_s);
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread.start();
}

RemoteTransport::~RemoteTransport()
{
    // Aborting finishes every reply in flight, so no caller waits forever.
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            if (!m_manager)
                return;
            for (QNetworkReply *reply : m_manager->findChildren<QNetworkReply *>())
                reply->abort();
            delete m_manager;
            m_manager = nullptr;
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

RawReply RemoteTransport::send(const QUrl &url, const QByteArray &method, const QByteArray &body,
    const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    Q_ASSERT(QThread::currentThread() != &m_thread);
    auto pending = std::make_shared<Pending>();
    QMetaObject::invokeMethod(m_context, [this, pending, url, method, body, headers] {
        if (!m_manager)
            m_manager = new QNetworkAccessManager(m_context);
        QNetworkRequest request(url);
        request.setTransferTimeout(int(m_timeout.count()));
        // HTTP/2 where the server offers it through TLS (ALPN); on plain http
        // Qt would try an h2c upgrade, which the server's HTTP/1.1 parser need not take.
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, url.scheme() == u"https"_s);
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
        if (!body.isEmpty() && !request.hasRawHeader("Content-Type"))
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply *reply = m_manager->sendCustomRequest(request, method, body);
        QObject::connect(reply, &QNetworkReply::finished, reply, [reply, pending] {
            RawReply raw = readReply(*reply);
            reply->deleteLater();
            const QMutexLocker lock(&pending->mutex);
            pending->reply = std::move(raw);
            pending->done = true;
            pending->finished.wakeAll();
        });
    });
    QMutexLocker lock(&pending->mutex);
    while (!pending->done)
        pending->finished.wait(&pending->mutex);
    return std::move(pending->reply);
}

} // namespace javumbo::gui
