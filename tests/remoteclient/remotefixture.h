#pragma once

#include "api/embeddedserver.h"
#include "client/localcollectionclient.h"
#include "client/remote/remotecollectionclient.h"
#include "client/remote/remotesession.h"
#include "common/clock.h"
#include "tcpproxy.h"
#include "testsupport.h"

#include <QTemporaryDir>

#include <memory>

namespace javumbo::testsupport {

using gui::RemoteEndpoint;
using gui::RemoteSession;

// A real server (SQLite in a temporary data directory, a pinned clock) behind
// a TcpProxy, one account on it, and a RemoteCollectionClient signed in as
// that account through the proxy. The server can be stopped and started
// again on the same data directory; the proxy keeps the client's address.
class RemoteFixture
{
public:
    RemoteFixture();
    ~RemoteFixture();

    ManualClock clock {kDay0TenAmMs, 0};

    void startServer();
    void stopServer();
    server::EmbeddedServer &server() { return *m_server; }
    TcpProxy &proxy() { return *m_proxy; }
    QUrl url() const; // the proxy's

    QString username() const { return m_username; }
    QString password() const { return m_password; }
    qint64 userId() const { return m_userId; }

    RemoteSession &session() { return *m_session; }
    std::shared_ptr<RemoteSession> sessionPointer() const { return m_session; }
    gui::RemoteCollectionClient &remote() { return *m_remote; }
    std::shared_ptr<gui::RemoteCollectionClient> remotePointer() const { return m_remote; }
    // The same user's collection read directly, as the desktop app would on the server's machine.
    gui::LocalCollectionClient &local() { return *m_local; }

    // Cards in the user's SQLite file, counted with a connection of the test's own.
    qint64 cardsInFile() const;
    QString collectionPath() const;

private:
    QTemporaryDir m_dataDir;
    std::unique_ptr<server::EmbeddedServer> m_server;
    std::unique_ptr<TcpProxy> m_proxy;
    QString m_username = QStringLiteral("student");
    QString m_password = QStringLiteral("password-student");
    qint64 m_userId = 0;
    std::shared_ptr<RemoteSession> m_session;
    std::shared_ptr<gui::RemoteCollectionClient> m_remote;
    std::unique_ptr<gui::LocalCollectionClient> m_local;
};

} // namespace javumbo::testsupport
