#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QTcpSocket>

#include <optional>

namespace javumbo::testsupport {

// One HTTP/1.1 response as it came off the wire.
struct RawResponse
{
    QByteArray version; // "HTTP/1.1"
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    // The first header of that name (case-insensitive), or a null QByteArray.
    QByteArray header(QByteArrayView name) const;
    // The body parsed as a JSON object (empty when it is not one).
    QJsonObject json() const;
};

// A client that writes exact bytes and reads raw responses, for tests that must control the
// wire. It waits by running the event loop, so it can share a thread with the server under test.
class RawHttpClient : public QObject
{
    Q_OBJECT

public:
    explicit RawHttpClient(QObject *parent = nullptr);
    ~RawHttpClient() override;

    // From `source` when given (any 127.x.y.z is this machine: a test's other clients).
    void startConnect(quint16 port, const QHostAddress &source = {});
    bool connectTo(quint16 port, int timeoutMs = 5000, const QHostAddress &source = {});
    QTcpSocket &socket() { return m_socket; }
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    bool isDisconnected() const { return m_disconnected; }

    void send(QByteArrayView bytes);
    // Waits for one complete response and removes it from what was received.
    std::optional<RawResponse> readResponse(int timeoutMs = 5000);
    bool waitForDisconnected(int timeoutMs = 5000);
    // Convenience: sends `request` and waits for its response.
    std::optional<RawResponse> exchange(QByteArrayView request, int timeoutMs = 5000);

private:
    std::optional<RawResponse> takeResponse();

    QTcpSocket m_socket;
    QByteArray m_received;
    bool m_disconnected = false;
};

} // namespace javumbo::testsupport
