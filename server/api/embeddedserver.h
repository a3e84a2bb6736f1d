#pragma once

#include "common/clock.h"
#include "common/result.h"
#include "locking/userlockregistry.h"
#include "serverthread.h"
#include "services/backend.h"

#include <QHostAddress>
#include <QList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace javumbo::server {

// A Javumbo server inside this process, on 127.0.0.1 and an OS-chosen port,
// with a Backend of its own and its own event-loop thread, so the caller may
// block (load-test threads and test threads drive it over real sockets).
// Without a data directory it serves a fresh scratch directory that is
// removed afterwards. The one way to start a real server on a loopback port:
// the load tester's scratch servers and the tests' TestServer are this.
class EmbeddedServer final
{
public:
    struct Options
    {
        // backend.dataDir empty: a fresh temporary directory.
        BackendOptions backend;
        int threads = 0; // 0: ApiServer's default
        TransportLimits limits {};
        const Clock *clock = nullptr; // null: the system clock; must outlive the server
        // As `javumbo serve --registration`, `--public-url` (`--trusted-proxy`: limits.trustedProxies).
        bool registrationOpen = true;
        QUrl publicUrl;
        QString instanceId; // as `--instance-id`; empty: no X-Javumbo-Instance header, no label
    };

    static Result<std::unique_ptr<EmbeddedServer>> start(const Options &options);
    ~EmbeddedServer();
    EmbeddedServer(const EmbeddedServer &) = delete;
    EmbeddedServer &operator=(const EmbeddedServer &) = delete;

    quint16 port() const { return m_port; }
    QUrl url() const;
    QString dataDir() const { return m_dataDir; }
    Backend &backend() { return *m_backend; }
    // Valid while the object lives; from other threads only its thread-safe parts (metrics).
    ApiServer &server() { return *m_serverThread.server(); }

    // An administrator account with a random password, as (username, password).
    Result<std::pair<QString, QString>> createAdmin(const QString &username);

private:
    EmbeddedServer() = default;

    std::unique_ptr<QTemporaryDir> m_scratch; // first: removed after everything that uses it
    QString m_dataDir;
    SystemClock m_systemClock;
    UserLockRegistry m_locks;
    std::unique_ptr<Backend> m_backend;
    ServerThread m_serverThread {QStringLiteral("embedded-http-server")};
    quint16 m_port = 0;
};

} // namespace javumbo::server
