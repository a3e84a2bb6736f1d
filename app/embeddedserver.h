#pragma once

#include "api/serverthread.h"
#include "common/clock.h"
#include "common/fault.h"
#include "common/result.h"
#include "loadtest/scratchserver.h"
#include "locking/userlockregistry.h"
#include "services/backend.h"

#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace javumbo::app {

// A Javumbo server inside this process, on 127.0.0.1 and a free port, with
// its own event-loop thread so the caller may block (the load tester's
// threads drive it over real sockets). Without a data directory it serves a
// fresh scratch directory that is removed afterwards.
class EmbeddedServer final : public loadtest::ScratchServer
{
public:
    struct Options
    {
        QString dataDir; // empty: a fresh temporary directory
        Fault fault = Fault::None;
        // Scratch data is thrown away: a cheap password hash keeps a
        // registration burst about the server, not PBKDF2 (self-test, CI).
        bool cheapHashing = false;
        int threads = 0;
    };

    static Result<std::unique_ptr<EmbeddedServer>> start(const Options &options);
    ~EmbeddedServer() override;
    EmbeddedServer(const EmbeddedServer &) = delete;
    EmbeddedServer &operator=(const EmbeddedServer &) = delete;

    quint16 port() const { return m_port; }
    QUrl url() const;
    QString dataDir() const { return m_dataDir; }
    Backend &backend() { return *m_backend; }

    // An administrator account (random password) for /admin/* polling.
    Result<std::pair<QString, QString>> createAdmin(const QString &username);

    // Port, data directory, fault and the admin account made by scratchServerFactory().
    loadtest::RunTarget target() const override { return m_target; }
    // Starts scratch servers for the load tester (CLI, self-test, GUI dashboard).
    static loadtest::ScratchServerFactory scratchServerFactory();

private:
    EmbeddedServer() = default;

    std::unique_ptr<QTemporaryDir> m_scratch;
    QString m_dataDir;
    SystemClock m_clock;
    UserLockRegistry m_locks;
    std::unique_ptr<Backend> m_backend;
    server::ServerThread m_serverThread {QStringLiteral("embedded-http-server")};
    quint16 m_port = 0;
    loadtest::RunTarget m_target;
};

} // namespace javumbo::app
