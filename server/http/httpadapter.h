#pragma once

#include "httprequest.h"
#include "httpresponse.h"

#include <QAbstractHttpServer>
#include <QPointer>
#include <QTcpSocket>

#include <functional>
#include <memory>

namespace javumbo::server {

class HttpAdapter;

// Where the answer to one request goes. Cheap to copy; send() must be called
// on the adapter's thread, exactly once. If the client went away meanwhile the
// answer is dropped: QtHttpServer 6.4.2 crashes when a response is written to
// a socket that disconnected (docs/platform-notes.md §1), so we never let it. The
// answer is written by the connection (GuardedSocket) in request order, with
// the request's HTTP version, and closes the connection when it must.
class ResponseChannel
{
public:
    void send(const HttpResponse &response) const;
    bool isConnected() const;
    HttpAdapter *adapter() const;

private:
    friend class HttpAdapter;
    struct State;
    std::shared_ptr<State> m_state;
};

// The only file that knows QtHttpServer 6.4.2. It copies each request into a
// plain HttpRequest on the server thread and hands it to the dispatcher with a
// ResponseChannel (the responder pattern of docs/platform-notes.md §1): no QFuture
// routes, no request object crossing threads.
class HttpAdapter : public QAbstractHttpServer
{
    Q_OBJECT
public:
    using Dispatcher = std::function<void(HttpRequest request, ResponseChannel channel)>;

    explicit HttpAdapter(Dispatcher dispatcher, QObject *parent = nullptr);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    Dispatcher m_dispatcher;
};

} // namespace javumbo::server
