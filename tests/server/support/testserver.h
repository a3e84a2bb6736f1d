#pragma once

#include "api/embeddedserver.h"
#include "net/httpclient.h"
#include "testsupport.h"

#include <QJsonObject>

#include <memory>

namespace javumbo::testsupport {

// A real ApiServer on 127.0.0.1 and an OS-chosen port, running on its own
// thread and event loop, so test threads can use blocking clients: the
// product's server::EmbeddedServer on a fresh data directory, with test
// settings and set-up shorthands that fail the process instead of returning.
class TestServer
{
public:
    struct Options
    {
        int threads = 8;
        int hashIterations = 1000; // PBKDF2 rounds: fast, as these tests are not about hashing
        std::chrono::milliseconds lockTimeout {5000};
        server::TransportLimits limits {};
        Fault fault = Fault::None; // a planted bug (common/fault.h), as `javumbo serve --fault`
        const Clock *clock = nullptr; // null: the system clock; must outlive the server
        bool registrationOpen = true; // as `javumbo serve --registration`
        QUrl publicUrl; // as `--public-url`
        QString instanceId; // as `--instance-id`
    };
    TestServer();
    explicit TestServer(const Options &options);
    ~TestServer();

    quint16 port() const { return m_server->port(); }
    QString dataDir() const { return m_server->dataDir(); }
    Backend &backend() { return m_server->backend(); }
    server::ApiServer &server() { return m_server->server(); }
    std::unique_ptr<net::HttpClient> client() const;

    struct User
    {
        qint64 id = 0;
        QString username;
        QString password;
        QString token;
    };
    // Registers and logs in through the API; fails the process on error (set-up, not the thing tested).
    User createUser(const QString &username, bool admin = false);
    QString login(const QString &username, const QString &password);

private:
    std::unique_ptr<server::EmbeddedServer> m_server;
};

// Shorthands for one call.
net::HttpResult call(net::HttpClient &client, const QByteArray &method, const QString &path,
    const QString &token = {}, const QJsonObject &body = {},
    const QList<std::pair<QByteArray, QByteArray>> &headers = {});

} // namespace javumbo::testsupport
