#pragma once

#include "common/clock.h"
#include "common/result.h"
#include "locking/userlockregistry.h"

#include <memory>

namespace javumbo {
class Backend;
}

namespace javumbo::gui {
class AppProfileStore;
class ClientContext;
class LocalProfileStore;
class MainWindow;
class ProfileStore;
} // namespace javumbo::gui

namespace javumbo::hosting {

class EmbeddedServerHost;

// The desktop app's object graph over one data directory: a Backend, the
// embedded server's host on the same lock registry (studying while serving is
// safe), the profiles (local and remote) and the main window, whose load-test dashboard
// runs on scratch servers of its own, never on this data directory. Built by
// `javumbo` and by the screenshot tool alike, so the shots show the real app.
class DesktopSession
{
public:
    // `clock` must outlive the session (the screenshot tour moves a ManualClock).
    static Result<std::unique_ptr<DesktopSession>> open(const QString &dataDir, const Clock &clock);
    // Stops the server, closes the window, then the database connections of this thread.
    ~DesktopSession();
    DesktopSession(const DesktopSession &) = delete;
    DesktopSession &operator=(const DesktopSession &) = delete;

    gui::MainWindow &window() { return *m_window; }
    gui::ProfileStore &profiles();
    gui::ClientContext &context() { return *m_context; }

private:
    DesktopSession() = default;

    UserLockRegistry m_locks; // one registry: local study and the embedded server
    std::unique_ptr<Backend> m_backend;
    std::unique_ptr<EmbeddedServerHost> m_serverHost;
    std::unique_ptr<gui::LocalProfileStore> m_localProfiles;
    std::unique_ptr<gui::AppProfileStore> m_profiles; // the local ones beside remote ones
    std::unique_ptr<gui::ClientContext> m_context;
    std::unique_ptr<gui::MainWindow> m_window;
};

} // namespace javumbo::hosting
