#include "rawhttpclient.h"

#include <QHostAddress>
#include <QJsonDocument>
#include <QTest>

namespace javumbo::testsupport {

QByteArray RawResponse::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QJsonObject RawResponse::json() const
{
    return QJsonDocument::fromJson(body).object();
}

RawHttpClient::RawHttpClient(QObject *parent) : QObject(parent)
{
    // Small writes must leave at once, one segment each, for the split-head tests.
    connect(&m_socket, &QTcpSocket::connected, this,
        [this] { m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1); });
    connect(&m_socket, &QTcpSocket::readyRead, this, [this] { m_received += m_socket.readAll(); });
    connect(&m_socket, &QTcpSocket::disconnected, this, [this] {
        // After abort() the socket is closed and its buffer gone; after a remote close it is readable.
        if (m_socket.isOpen())
            m_received += m_socket.readAll();
        m_disconnected = true;
    });
}

RawHttpClient::~RawHttpClient()
{
    // The socket emits disconnected while it is destroyed; this object is half gone by then.
    m_socket.disconnect(this);
}

void RawHttpClient::startConnect(quint16 port, const QHostAddress &source)
{
    if (!source.isNull())
        m_socket.bind(source);
    m_socket.connectToHost(QHostAddress::LocalHost, port);
}

bool RawHttpClient::connectTo(quint16 port, int timeoutMs, const QHostAddress &source)
{
    startConnect(port, source);
    return QTest::qWaitFor([this] { return isConnected(); }, timeoutMs);
}

void RawHttpClient::send(QByteArrayView bytes)
{
    m_socket.write(bytes.constData(), bytes.size());
    m_socket.flush();
}

std::optional<RawResponse> RawHttpClient::readResponse(int timeoutMs)
{
    std::optional<RawResponse> response;
    // Failing to get one within the bound is the caller's check: it sees std::nullopt.
    [[maybe_unused]] const bool done = QTest::qWaitFor(
        [&] {
            response = takeResponse();
            return response.has_value() || (m_disconnected && !m_socket.bytesAvailable());
        },
        timeoutMs);
    if (!response)
        response = takeResponse();
    return response;
}

bool RawHttpClient::waitForDisconnected(int timeoutMs)
{
    return QTest::qWaitFor([this] { return m_disconnected; }, timeoutMs);
}

std::optional<RawResponse> RawHttpClient::exchange(QByteArrayView request, int timeoutMs)
{
    send(request);
    return readResponse(timeoutMs);
}

std::optional<RawResponse> RawHttpClient::takeResponse()
{
    const qsizetype headEnd = m_received.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return std::nullopt;
    const QList<QByteArray> lines = m_received.first(headEnd).split('\n');
    RawResponse response;
    const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
    if (statusLine.size() < 2)
        return std::nullopt;
    response.version = statusLine.at(0);
    response.status = statusLine.at(1).toInt();
    qsizetype contentLength = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.first(colon).trimmed();
        const QByteArray value = line.sliced(colon + 1).trimmed();
        response.headers.append({name, value});
        if (name.compare("content-length", Qt::CaseInsensitive) == 0)
            contentLength = value.toLongLong();
    }
    const qsizetype total = headEnd + 4 + contentLength;
    if (m_received.size() < total)
        return std::nullopt;
    response.body = m_received.sliced(headEnd + 4, contentLength);
    m_received.remove(0, total);
    return response;
}

} // namespace javumbo::testsupport
