#pragma once

#include "api/serverthread.h"
#include "hosting/serverhost.h"
#include "serveddirectories.h"

#include <QElapsedTimer>
#include <QHash>
#include <QLockFile>

#include <atomic>
#include <memory>
#include <mutex>

namespace javumbo {
class Backend;
}

namespace javumbo::server {
class AccessLogTail;
} // namespace javumbo::server

namespace javumbo::hosting {

// The desktop app's ServerHost: a server::ApiServer over the GUI's own
// Backend, so local study and served requests share one UserLockRegistry, or
// over another data directory the teacher chose (ServedDirectories).
// The server lives on its own thread, as under `javumbo serve`; its finished
// requests feed an in-memory access-log tail that the panel reads.
class EmbeddedServerHost final : public gui::ServerHost
{
public:
    explicit EmbeddedServerHost(Backend &backend);
    ~EmbeddedServerHost() override;

    Result<QUrl> start(const gui::ServerSettings &settings) override;
    void stop() override;
    bool isRunning() const override;
    gui::ServerSnapshot snapshot() const override;
    QString dataDirectory() const override;
    Result<QString> checkDataDirectory(const QString &directory) const override;
    Result<AccountAdmin *> accounts(const QString &directory) override;

private:
    QString usernameOf(Backend &serving, qint64 userId) const;

    Backend &m_backend; // the app's own
    ServedDirectories m_directories;
    std::unique_ptr<server::AccessLogTail> m_tail; // thread-safe itself
    std::unique_ptr<QLockFile> m_claim; // like `javumbo serve`: one server per data directory
    std::atomic<bool> m_running {false};

    // snapshot() reads the server on any thread while stop() may delete it.
    mutable std::mutex m_serverMutex;
    // Guarded by m_serverMutex (written by start() and stop() on the owner's thread):
    server::ServerThread m_serverThread {QStringLiteral("javumbo-embedded-server")};
    QUrl m_url;
    Backend *m_serving; // the Backend of the directory served (or last served)

    // snapshot() runs on any thread, usernameOf() within it.
    mutable std::mutex m_mutex;
    // Guarded by m_mutex:
    mutable QHash<qint64, QString> m_usernames;
    // (time ms, requests since start) of recent snapshots: the rate comes from the counters, which
    // unlike the bounded log tail never saturate under a load test.
    mutable QList<std::pair<qint64, quint64>> m_samples;
};

} // namespace javumbo::hosting
