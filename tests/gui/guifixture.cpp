#include "guifixture.h"

#include "client/remote/remotecollectionclient.h"
#include "client/remote/remotesession.h"
#include "embeddedserverhost.h"
#include "storage/database.h"
#include "testsupport.h"

#include <QDateTime>
#include <QSettings>
#include <QTest>

using namespace Qt::StringLiterals;

namespace javumbo::testsupport {

namespace {

GuiFixture::Client clientFromEnvironment()
{
    return qEnvironmentVariable("JAVUMBO_GUI_CLIENT") == u"remote"_s ? GuiFixture::Client::Remote
                                                                     : GuiFixture::Client::Local;
}

// The local store, except that open() gives a remote client over the fixture's server: a session
// minted in the Backend (as POST /login would), so a profile without a password opens too.
class ServedProfileStore final : public gui::ProfileStore
{
public:
    ServedProfileStore(gui::LocalProfileStore &local, Backend &backend, QUrl url)
        : m_local(local), m_backend(backend), m_url(std::move(url))
    { }

    Result<QList<gui::Profile>> profiles() override { return m_local.profiles(); }
    Result<gui::Profile> createProfile(const QString &name, const QString &password) override
    {
        return m_local.createProfile(name, password);
    }
    Result<void> checkPassword(const gui::Profile &profile, const QString &password) override
    {
        return m_local.checkPassword(profile, password);
    }
    Result<gui::Profile> renameProfile(const gui::Profile &profile, const QString &name) override
    {
        return m_local.renameProfile(profile, name);
    }
    Result<void> deleteProfile(const gui::Profile &profile) override
    {
        return m_local.deleteProfile(profile);
    }
    std::shared_ptr<gui::CollectionClient> open(const gui::Profile &profile) override
    {
        auto issued = m_backend.sessions().create(profile.userId);
        if (!issued)
            qFatal("session: %s", qPrintable(issued.error().message));
        auto session = std::make_shared<gui::RemoteSession>(
            gui::RemoteEndpoint {m_url, profile.username}, issued->token);
        return std::make_shared<gui::RemoteCollectionClient>(std::move(session), profile.name);
    }
    QString dataDirectory() const override { return m_local.dataDirectory(); }
    Result<gui::ProfileBackup> backUp(const gui::Profile &profile) override
    {
        return m_local.backUp(profile);
    }
    Result<QList<gui::ProfileBackup>> backups(const gui::Profile &profile) override
    {
        return m_local.backups(profile);
    }
    Result<void> restore(const gui::Profile &profile, const QString &backupPath) override
    {
        return m_local.restore(profile, backupPath);
    }

private:
    gui::LocalProfileStore &m_local;
    Backend &m_backend;
    const QUrl m_url;
};

} // namespace

GuiFixture::GuiFixture() : GuiFixture(clientFromEnvironment()) { }

GuiFixture::GuiFixture(Client client) : m_clock(QDateTime::currentMSecsSinceEpoch()), m_client(client)
{
    enterTestMode();
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath(u"settings"_s));
    QSettings().clear();
    BackendOptions options = testsupport::backendOptions(m_dir.filePath(u"data"_s));
    m_backend = std::make_unique<Backend>(options, m_clock, m_locks);
    if (auto ready = m_backend->initialize(); !ready)
        qFatal("backend: %s", qPrintable(ready.error().message));
    m_localProfiles = std::make_unique<gui::LocalProfileStore>(*m_backend);
    if (isRemote())
        m_profiles = std::make_unique<ServedProfileStore>(*m_localProfiles, *m_backend, serverUrl());
    m_context = std::make_unique<gui::ClientContext>();
}

GuiFixture::~GuiFixture()
{
    m_context.reset(); // joins the worker, which closes its connections
    stopServer();
    storage::Database::closeAllOnThisThread();
    m_profiles.reset();
    m_localProfiles.reset();
    m_server.reset();
    m_backend.reset();
}

QString GuiFixture::dataDirectory() const
{
    return m_backend->context().dataDir;
}

QUrl GuiFixture::serverUrl()
{
    if (!m_server)
        m_server = std::make_unique<hosting::EmbeddedServerHost>(*m_backend);
    if (!m_server->isRunning()) {
        const auto port = quint16(std::max(m_serverUrl.port(), 0)); // a restart keeps the address
        auto url = m_server->start(gui::ServerSettings {u"127.0.0.1"_s, port, {}});
        if (!url)
            qFatal("server: %s", qPrintable(url.error().message));
        m_serverUrl = url.value();
    }
    return m_serverUrl;
}

void GuiFixture::stopServer()
{
    if (m_server)
        m_server->stop();
}

gui::Profile GuiFixture::openNewProfile(const QString &name)
{
    auto profile = profiles().createProfile(name, QString());
    if (!profile)
        qFatal("profile: %s", qPrintable(profile.error().message));
    m_context->setClient(profiles().open(profile.value()));
    return profile.value();
}

QString GuiFixture::collectionPath(qint64 userId) const
{
    return m_backend->context().collectionPath(userId);
}

qint64 GuiFixture::number(qint64 userId, const QString &sql) const
{
    return queryNumber(collectionPath(userId), sql);
}

} // namespace javumbo::testsupport
