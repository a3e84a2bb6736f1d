#include "httpadapter.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QThread>

using namespace Qt::StringLiterals;

namespace javumbo::server {

struct ResponseChannel::State
{
    State(QHttpServerResponder &&r, QTcpSocket *s, HttpAdapter *a, bool close)
        : responder(std::move(r)), socket(s), adapter(a), closeAfterResponse(close)
    { }
    QHttpServerResponder responder;
    QPointer<QTcpSocket> socket;
    QPointer<HttpAdapter> adapter;
    bool closeAfterResponse = false;
    bool sent = false;
};

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Connect:
        return "CONNECT";
    case QHttpServerRequest::Method::Trace:
        return "TRACE";
    default:
        return "UNKNOWN";
    }
}

HttpRequest copyRequest(const QHttpServerRequest &request)
{
    HttpRequest copy;
    copy.method = methodName(request.method());
    const QUrl url = request.url();
    copy.path = url.path(QUrl::FullyDecoded);
    copy.query = QUrlQuery(url);
    const auto headers = request.headers();
    copy.headers.reserve(headers.size());
    for (const auto &[name, value] : headers)
        copy.headers.append({name.toLower(), value});
    copy.body = request.body();
    copy.remoteAddress = request.remoteAddress();
    return copy;
}

} // namespace

void ResponseChannel::send(const HttpResponse &response) const
{
    State &state = *m_state;
    Q_ASSERT(!state.adapter || state.adapter->thread() == QThread::currentThread());
    if (state.sent)
        return;
    state.sent = true;
    if (!isConnected())
        return; // the client left; writing now would crash QtHttpServer 6.4.2
    QHttpServerResponder &responder = state.responder;
    responder.writeStatusLine(QHttpServerResponder::StatusCode(response.status));
    if (!response.contentType.isEmpty())
        responder.writeHeader("Content-Type", response.contentType);
    for (const auto &[name, value] : response.headers)
        responder.writeHeader(name, value);
    // A 304's Content-Length would have to be its 200's: send none.
    if (response.status != 204 && response.status != 304)
        responder.writeHeader("Content-Length", QByteArray::number(response.body.size()));
    const bool close = state.closeAfterResponse || response.closeConnection;
    if (close)
        responder.writeHeader("Connection", "close");
    responder.writeBody(response.body);
    if (close)
        state.socket->disconnectFromHost();
}

bool ResponseChannel::isConnected() const
{
    return m_state->socket && m_state->socket->state() == QAbstractSocket::ConnectedState;
}

HttpAdapter *ResponseChannel::adapter() const
{
    return m_state->adapter;
}

HttpAdapter::HttpAdapter(Dispatcher dispatcher, QObject *parent)
    : QAbstractHttpServer(parent), m_dispatcher(std::move(dispatcher))
{ }

bool HttpAdapter::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // QtHttpServer 6.4.2 ignores "Connection: close" and HTTP/1.0 (PLATFORM-NOTES.md §4); honour it
    // ourselves.
    HttpRequest copy = copyRequest(request);
    const bool close = copy.header("connection").compare("close", Qt::CaseInsensitive) == 0;
    ResponseChannel channel;
    channel.m_state
        = std::make_shared<ResponseChannel::State>(makeResponder(request, socket), socket, this, close);
    m_dispatcher(std::move(copy), std::move(channel));
    return true;
}

void HttpAdapter::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // Never reached: handleRequest() takes every request. Kept as a safe answer.
    makeResponder(request, socket).write(QHttpServerResponder::StatusCode::NotFound);
}

} // namespace javumbo::server
