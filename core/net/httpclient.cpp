#include "httpclient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace javumbo::net {

namespace {

Error networkError(const QString &what)
{
    return makeError(ErrorCode::NetworkError, what);
}

} // namespace

QByteArray HttpResult::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (name.compare(key, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QJsonValue HttpResult::json() const
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isArray())
        return document.array();
    if (document.isObject())
        return document.object();
    return QJsonValue::Undefined;
}

QString HttpResult::errorCode() const
{
    return json().toObject().value(u"error"_s).toObject().value(u"code"_s).toString();
}

HttpClient::HttpClient(QString host, quint16 port, std::chrono::milliseconds timeout)
    : m_host(std::move(host)), m_port(port), m_timeout(timeout)
{ }

HttpClient::~HttpClient()
{
    close();
}

void HttpClient::close()
{
    if (m_socket) {
        m_socket->abort();
        m_socket.reset();
    }
    m_buffer.clear();
}

bool HttpClient::isConnected() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

Result<void> HttpClient::connectIfNeeded()
{
    if (isConnected())
        return {};
    close();
    m_socket = std::make_unique<QTcpSocket>();
    m_socket->connectToHost(m_host, m_port);
    if (!m_socket->waitForConnected(int(m_timeout.count()))) {
        const QString reason = m_socket->errorString();
        close();
        return networkError(u"cannot connect to %1:%2: %3"_s.arg(m_host).arg(m_port).arg(reason));
    }
    return {};
}

Result<HttpResult> HttpClient::send(const HttpCall &call)
{
    // One attempt only: a request whose connection failed may or may not have
    // taken effect, and the caller (the load tester's history) must see that.
    if (auto written = writeRequest(call); !written)
        return written.error();
    return readResponse(call.method == "HEAD");
}

Result<void> HttpClient::sendAndHangUp(const HttpCall &call)
{
    if (auto written = writeRequest(call); !written)
        return written;
    // A graceful close: the server reads the whole request, then the end of the stream.
    m_socket->disconnectFromHost();
    if (m_socket->state() != QAbstractSocket::UnconnectedState)
        m_socket->waitForDisconnected(int(m_timeout.count()));
    close();
    return {};
}

Result<void> HttpClient::writeRequest(const HttpCall &call)
{
    if (auto connected = connectIfNeeded(); !connected)
        return connected.error();
    QByteArray request = call.method + ' ' + call.path.toUtf8() + " HTTP/1.1\r\nHost: " + m_host.toUtf8()
        + ':' + QByteArray::number(m_port) + "\r\n";
    if (!call.bearerToken.isEmpty())
        request += "Authorization: Bearer " + call.bearerToken.toLatin1() + "\r\n";
    bool hasContentType = false;
    for (const auto &[name, value] : call.headers) {
        hasContentType = hasContentType || name.compare("content-type", Qt::CaseInsensitive) == 0;
        request += name + ": " + value + "\r\n";
    }
    if (!call.body.isEmpty() && call.json && !hasContentType)
        request += "Content-Type: application/json\r\n";
    if (!call.body.isEmpty() || call.method == "POST" || call.method == "PUT" || call.method == "PATCH")
        request += "Content-Length: " + QByteArray::number(call.body.size()) + "\r\n";
    request += "\r\n" + call.body;
    m_socket->write(request);
    if (!m_socket->waitForBytesWritten(int(m_timeout.count()))) {
        close();
        return networkError(u"cannot send the request"_s);
    }
    return {};
}

Result<HttpResult> HttpClient::readResponse(bool headOnly)
{
    QElapsedTimer timer;
    timer.start();
    auto waitForMore = [&]() -> bool {
        const qint64 left = m_timeout.count() - timer.elapsed();
        if (left <= 0)
            return false;
        if (m_socket->bytesAvailable() == 0 && !m_socket->waitForReadyRead(int(left)))
            return false;
        m_buffer += m_socket->readAll();
        return true;
    };
    qsizetype headEnd = -1;
    while ((headEnd = m_buffer.indexOf("\r\n\r\n")) < 0) {
        if (!waitForMore()) {
            const bool timedOut = m_socket->state() == QAbstractSocket::ConnectedState;
            close();
            return networkError(
                timedOut ? u"timed out waiting for the response"_s : u"the server closed the connection"_s);
        }
    }
    HttpResult result;
    const QList<QByteArray> lines = m_buffer.left(headEnd).split('\n');
    const QList<QByteArray> statusLine = lines.value(0).trimmed().split(' ');
    result.status = statusLine.value(1).toInt();
    qint64 contentLength = 0;
    bool closeAfter = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        result.headers.append({name, value});
        if (name == "content-length")
            contentLength = value.toLongLong();
        if (name == "connection" && value.compare("close", Qt::CaseInsensitive) == 0)
            closeAfter = true;
    }
    const qsizetype bodyStart = headEnd + 4;
    if (headOnly || result.status == 204 || result.status == 304)
        contentLength = 0; // its Content-Length is the body a GET would get
    while (m_buffer.size() - bodyStart < contentLength) {
        if (!waitForMore()) {
            close();
            return networkError(u"the response body was cut off"_s);
        }
    }
    result.body = m_buffer.mid(bodyStart, contentLength);
    m_buffer.remove(0, bodyStart + contentLength);
    if (closeAfter)
        close();
    return result;
}

} // namespace javumbo::net
