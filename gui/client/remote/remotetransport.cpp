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

// Set on a reply aborted for its size, so readReply tells it from a broken connection.
constexpr char kTooLarge[] = "javumbo_reply_too_large";

RawReply readReply(QNetworkReply &reply, qint64 maxReplyBytes)
{
    RawReply raw;
    if (reply.property(kTooLarge).toBool()) {
        raw.tooLarge = true;
        raw.failure = u"the answer is larger than %1 MiB"_s.arg(maxReplyBytes / (1024 * 1024));
        return raw;
    }
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
    const QList<std::pair<QByteArray, QByteArray>> &headers, qint64 maxReplyBytes)
{
    Q_ASSERT(QThread::currentThread() != &m_thread);
    auto pending = std::make_shared<Pending>();
    QMetaObject::invokeMethod(m_context, [this, pending, url, method, body, headers, maxReplyBytes] {
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
        // Checked as the head arrives (a declared Content-Length over the bound is refused
        // before its body) and as the body does (an answer without one, once it passes the
        // bound). Not downloadProgress: Qt throttles it and skipped the first burst.
        const auto refuseIfLarger = [reply, maxReplyBytes](qint64 size) {
            if (size > maxReplyBytes && !reply->property(kTooLarge).toBool()) {
                reply->setProperty(kTooLarge, true);
                reply->abort();
            }
        };
        QObject::connect(reply, &QNetworkReply::metaDataChanged, reply, [reply, refuseIfLarger] {
            const QVariant declared = reply->header(QNetworkRequest::ContentLengthHeader);
            if (declared.isValid())
                refuseIfLarger(declared.toLongLong());
        });
        QObject::connect(reply, &QNetworkReply::readyRead, reply,
            [reply, refuseIfLarger] { refuseIfLarger(reply->bytesAvailable()); });
        QObject::connect(reply, &QNetworkReply::finished, reply, [reply, pending, maxReplyBytes] {
            RawReply raw = readReply(*reply, maxReplyBytes);
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
