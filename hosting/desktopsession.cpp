#include "desktopsession.h"

#include "client/appprofilestore.h"
#include "client/clientcontext.h"
#include "client/localprofilestore.h"
#include "embeddedserverhost.h"
#include "loadtest/loadtestpage.h"
#include "mainwindow.h"
#include "scratchservers.h"
#include "services/backend.h"
#include "storage/database.h"

namespace javumbo::hosting {

Result<std::unique_ptr<DesktopSession>> DesktopSession::open(const QString &dataDir, const Clock &clock)
{
    std::unique_ptr<DesktopSession> session(new DesktopSession);
    BackendOptions options;
    options.dataDir = dataDir;
    session->m_backend = std::make_unique<Backend>(options, clock, session->m_locks);
    if (auto ready = session->m_backend->initialize(); !ready)
        return ready.error();
    session->m_serverHost = std::make_unique<EmbeddedServerHost>(*session->m_backend);
    session->m_localProfiles = std::make_unique<gui::LocalProfileStore>(*session->m_backend);
    session->m_profiles = std::make_unique<gui::AppProfileStore>(
        *session->m_localProfiles, gui::makeSystemTokenStore(dataDir));
    session->m_context = std::make_unique<gui::ClientContext>();
    session->m_window = std::make_unique<gui::MainWindow>(
        session->m_context.get(), session->m_profiles.get(), session->m_serverHost.get());
    if (auto *dashboard = qobject_cast<gui::LoadTestPage *>(session->m_window->loadTestPage()))
        dashboard->setScratchServerFactory(scratchServerFactory());
    return session;
}

DesktopSession::~DesktopSession()
{
    if (m_serverHost)
        m_serverHost->stop();
    // The widgets and the client worker use the profiles and the server host; all use the Backend.
    m_window.reset();
    m_context.reset();
    m_profiles.reset();
    m_localProfiles.reset();
    m_serverHost.reset();
    storage::Database::closeAllOnThisThread();
}

gui::ProfileStore &DesktopSession::profiles()
{
    return *m_profiles;
}

} // namespace javumbo::hosting
