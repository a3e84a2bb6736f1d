#include "embeddedserver.h"

#include "storage/database.h"

#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace javumbo::server {

Result<std::unique_ptr<EmbeddedServer>> EmbeddedServer::start(const Options &options)
{
    std::unique_ptr<EmbeddedServer> embedded(new EmbeddedServer);
    BackendOptions backendOptions = options.backend;
    if (backendOptions.dataDir.isEmpty()) {
        embedded->m_scratch = std::make_unique<QTemporaryDir>();
        if (!embedded->m_scratch->isValid()) {
            return makeError(ErrorCode::StorageUnavailable,
                u"cannot create a scratch data directory: %1"_s.arg(embedded->m_scratch->errorString()));
        }
        backendOptions.dataDir = embedded->m_scratch->path();
    }
    embedded->m_dataDir = backendOptions.dataDir;
    const Clock &clock = options.clock ? *options.clock : embedded->m_systemClock;
    embedded->m_backend = std::make_unique<Backend>(backendOptions, clock, embedded->m_locks);
    if (auto ready = embedded->m_backend->initialize(); !ready)
        return ready.error();

    ServerOptions serverOptions;
    serverOptions.port = 0;
    serverOptions.threads = options.threads;
    serverOptions.accessLog = false;
    serverOptions.limits = options.limits;
    serverOptions.registrationOpen = options.registrationOpen;
    serverOptions.publicUrl = options.publicUrl;
    serverOptions.instanceId = options.instanceId;
    Result<quint16> started = embedded->m_serverThread.start(*embedded->m_backend, serverOptions);
    if (!started)
        return started.error();
    embedded->m_port = started.value();
    return embedded;
}

EmbeddedServer::~EmbeddedServer()
{
    m_serverThread.stop();
    // Set-up calls (createAdmin(), a test's own) used admin.db from the caller's thread.
    storage::Database::closeAllOnThisThread();
}

QUrl EmbeddedServer::url() const
{
    return QUrl(u"http://127.0.0.1:%1"_s.arg(m_port));
}

Result<std::pair<QString, QString>> EmbeddedServer::createAdmin(const QString &username)
{
    const QString password = u"admin-%1"_s.arg(QRandomGenerator::system()->generate64(), 0, 36);
    Registration registration {
        username, password, u"Load test administrator"_s, username + u"@localhost.test"_s, {}};
    if (auto account = m_backend->accounts().registerUser(registration); !account)
        return account.error();
    if (auto admin = m_backend->accounts().setAdmin(username, true); !admin)
        return admin.error();
    return std::pair {username, password};
}

} // namespace javumbo::server
