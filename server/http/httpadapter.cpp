#include "httpadapter.h"

#include "httpstatus.h"
#include "transport/guardedsocket.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QThread>

using namespace Qt::StringLiterals;

namespace javumbo::server {

struct ResponseChannel::State
{
    State(GuardedSocket *s, HttpAdapter *a, GuardedSocket::Exchange e)
        : socket(s), adapter(a), exchange(e) { }
    ~State()
    {
        // Never answered (a bug, or a task dropped at shutdown): the answers after this one would
        // wait for it for ever, so end the connection in its place. The last reference dies on the
        // server thread (ApiServer moves it there); queued all the same, to be safe anywhere.
        if (!sent && socket) {
            QMetaObject::invokeMethod(
                socket.data(),
                [socket = socket, sequence = exchange.sequence] {
                    if (socket)
                        socket->respond(sequence, QByteArray(), true);
                },
                Qt::QueuedConnection);
        }
    }
    QPointer<GuardedSocket> socket;
    QPointer<HttpAdapter> adapter;
    GuardedSocket::Exchange exchange;
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

// The whole answer as it goes on the wire. Headers in the order QHttpServerResponder wrote them.
QByteArray serialise(const HttpResponse &response, const GuardedSocket::Exchange &exchange, bool close)
{
    QByteArray bytes;
    bytes.reserve(160 + response.body.size());
    bytes += statusLine(response.status, exchange.http10);
    const auto header = [&bytes](QByteArrayView name, QByteArrayView value) {
        bytes.append(name).append(": ").append(value).append("\r\n");
    };
    if (!response.contentType.isEmpty())
        header("Content-Type", response.contentType);
    for (const auto &[name, value] : response.headers)
        header(name, value);
    // A 304's Content-Length would have to be its 200's: send none.
    if (response.status != 204 && response.status != 304)
        header("Content-Length", QByteArray::number(response.body.size()));
    if (close)
        header("Connection", "close");
    else if (exchange.http10)
        header("Connection", "keep-alive"); // an HTTP/1.0 client asked for it, and gets it
    bytes += "\r\n";
    if (!exchange.head) // HEAD: the same head, Content-Length included, and no body (RFC 9110 §9.3.2)
        bytes += response.body;
    return bytes;
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
    // Connection: close, HTTP/1.0 without keep-alive (docs/platform-notes.md §4), or a server shutting down.
    const bool close = !state.exchange.keepAlive || response.closeConnection;
    state.socket->respond(state.exchange.sequence, serialise(response, state.exchange, close), close);
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
    auto *connection = qobject_cast<GuardedSocket *>(socket);
    if (!connection) {
        // Only GuardedTcpServer's connections keep answers in order and honour Connection: close.
        qCritical("HttpAdapter: a connection that did not come through GuardedTcpServer; closing it");
        socket->abort();
        return true;
    }
    // Taken now, while the parser hands requests over in their order: the answer's place.
    const GuardedSocket::Exchange exchange = connection->beginExchange();
    ResponseChannel channel;
    channel.m_state = std::make_shared<ResponseChannel::State>(connection, this, exchange);
    m_dispatcher(copyRequest(request), std::move(channel));
    return true;
}

void HttpAdapter::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // Never reached: handleRequest() takes every request. Kept as a safe answer.
    makeResponder(request, socket).write(QHttpServerResponder::StatusCode::NotFound);
}

} // namespace javumbo::server
