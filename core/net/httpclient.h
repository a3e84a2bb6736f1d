#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <chrono>
#include <memory>

class QTcpSocket;

namespace javumbo::net {

struct HttpCall
{
    QByteArray method = "GET";
    QString path; // with query
    QByteArray body;
    QString bearerToken;
    QList<std::pair<QByteArray, QByteArray>> headers;
    bool json = true; // sends Content-Type: application/json with a body
};

struct HttpResult
{
    int status = 0;
    QList<std::pair<QByteArray, QByteArray>> headers; // names lower-cased
    QByteArray body;

    QByteArray header(QByteArrayView name) const;
    QJsonValue json() const;
    // error.code of docs/api.md's envelope, empty when there is none.
    QString errorCode() const;
};

// A blocking HTTP/1.1 keep-alive client on one connection, for threads
// without an event loop (load-test workers, tests). Never pipelines
// (docs/platform-notes.md §3). Transport failures (refused, reset, timeout) are
// NetworkError: the request's effect on the server is then unknown.
class HttpClient
{
public:
    HttpClient(QString host, quint16 port, std::chrono::milliseconds timeout = std::chrono::seconds(30));
    ~HttpClient();
    HttpClient(const HttpClient &) = delete;
    HttpClient &operator=(const HttpClient &) = delete;

    Result<HttpResult> send(const HttpCall &call);
    // Sends the request and closes the connection without reading the answer:
    // a client that gave up. The server still receives (and may act on) it.
    Result<void> sendAndHangUp(const HttpCall &call);
    void close();
    bool isConnected() const;

private:
    Result<void> connectIfNeeded();
    Result<void> writeRequest(const HttpCall &call);
    // headOnly: the answer to HEAD, which has no body whatever its Content-Length says.
    Result<HttpResult> readResponse(bool headOnly);

    QString m_host;
    quint16 m_port = 0;
    std::chrono::milliseconds m_timeout;
    std::unique_ptr<QTcpSocket> m_socket;
    QByteArray m_buffer;
};

} // namespace javumbo::net
