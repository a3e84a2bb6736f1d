#pragma once

#include "common/result.h"
#include "services/accountadmin.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace javumbo::gui {

// How the server panel asks for an embedded server.
struct ServerSettings
{
    QString bindAddress = QStringLiteral("127.0.0.1");
    quint16 port = 8700; // 0: any free port
    // Where students reach the server when a TLS proxy is in front (serve
    // --public-url); empty: the listening address.
    QString publicUrl;
    // serve --registration: closed means accounts come only from the
    // teacher (class accounts) or `javumbo users`.
    bool registrationOpen = true;
    // Where the served accounts and collections live; empty: the app's own
    // data directory (ServerHost::dataDirectory()), shared with local study.
    QString dataDirectory;
};

// One row of the per-user lock table.
struct ServerLockRow
{
    qint64 userId = 0;
    QString username; // empty when unknown
    int waiters = 0;
    quint64 acquisitions = 0;
    quint64 contended = 0;
    quint64 timeouts = 0;
    double longestWaitMs = 0;
    bool held = false;
};

// What the panel draws, taken at one moment.
struct ServerSnapshot
{
    bool running = false;
    QUrl url;
    QString dataDirectory;
    double requestsPerSecond = 0; // over the last few seconds
    double p95Ms = 0; // of the requests in the same window
    quint64 totalRequests = 0; // since start
    qint64 activeSessions = 0;
    QList<ServerLockRow> locks;
    QStringList accessLogTail; // oldest first
};

// The embedded HTTP server as the GUI sees it: hosting/ (javumbo_hosting)
// implements it with the real server over the GUI's own Backend (one lock
// registry for both), so gui/ never includes server internals (docs/architecture.md §1).
class ServerHost
{
public:
    virtual ~ServerHost() = default;
    // Listens on settings' address and port; the URL clients use.
    virtual Result<QUrl> start(const ServerSettings &settings) = 0;
    // Finishes requests in flight (bounded), then closes.
    virtual void stop() = 0;
    virtual bool isRunning() const = 0;
    // Safe from any thread; may read admin.db (active sessions), so the panel
    // takes it off the UI thread.
    virtual ServerSnapshot snapshot() const = 0;
    // The app's own data directory: the server's unless settings name another.
    virtual QString dataDirectory() const = 0;
    // A data directory the teacher chose, made if missing and checked: its
    // absolute path, or why it cannot hold a server's files.
    virtual Result<QString> checkDataDirectory(const QString &directory) const = 0;
    // The accounts of `directory` (empty: the app's own) for the class
    // accounts; safe from any thread, usable while the server runs. The
    // object lives as long as the host.
    virtual Result<AccountAdmin *> accounts(const QString &directory) = 0;
};

} // namespace javumbo::gui
