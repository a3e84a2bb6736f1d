#pragma once

#include "client/clientcontext.h"
#include "client/localprofilestore.h"
#include "services/backend.h"

#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace javumbo::hosting {
class EmbeddedServerHost;
}

namespace javumbo::testsupport {

// A real Backend on a temporary data directory (real SQLite, fast password
// hashing), the GUI's profile store and client context over it, and
// QSettings redirected into the same directory.
//
// Two clients, one test (tests/gui/CMakeLists.txt registers a view test as
// tst_<name> and tst_<name>_remote): with JAVUMBO_GUI_CLIENT=remote, every
// profile the store opens is a RemoteCollectionClient talking HTTP to the
// app's embedded server on a loopback port, serving this very Backend, so a
// test's direct SQLite checks and its setup through backend() keep working;
// otherwise the local client, as the app uses for a local profile.
class GuiFixture
{
public:
    enum class Client
    {
        Local,
        Remote
    };

    GuiFixture(); // the client JAVUMBO_GUI_CLIENT names
    explicit GuiFixture(Client client);
    ~GuiFixture();

    Backend &backend() { return *m_backend; }
    gui::ProfileStore &profiles() { return m_profiles ? *m_profiles : *m_localProfiles; }
    gui::LocalProfileStore &localProfiles() { return *m_localProfiles; }
    gui::ClientContext &context() { return *m_context; }
    ManualClock &clock() { return m_clock; }
    bool isRemote() const { return m_client == Client::Remote; }
    QString dataDirectory() const;

    // The embedded server over this Backend on 127.0.0.1 and a free port, started on first use
    // (at construction in remote mode), again on the same port after stopServer(); its URL.
    QUrl serverUrl();
    void stopServer();

    // A profile opened in the context, as after the first-start dialog.
    gui::Profile openNewProfile(const QString &name);
    QString collectionPath(qint64 userId) const;
    qint64 number(qint64 userId, const QString &sql) const;

private:
    QTemporaryDir m_dir;
    ManualClock m_clock;
    UserLockRegistry m_locks;
    const Client m_client;
    std::unique_ptr<Backend> m_backend;
    std::unique_ptr<hosting::EmbeddedServerHost> m_server;
    QUrl m_serverUrl;
    std::unique_ptr<gui::LocalProfileStore> m_localProfiles;
    std::unique_ptr<gui::ProfileStore> m_profiles; // remote mode only
    std::unique_ptr<gui::ClientContext> m_context;
};

} // namespace javumbo::testsupport
