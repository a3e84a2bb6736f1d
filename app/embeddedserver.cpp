#include "embeddedserver.h"

#include "storage/database.h"

#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace javumbo::app {

Result<std::unique_ptr<EmbeddedServer>> EmbeddedServer::start(const Options &options)
{
    std::unique_ptr<EmbeddedServer> embedded(new EmbeddedServer);
    embedded->m_dataDir = options.dataDir;
    if (embedded->m_dataDir.isEmpty()) {
        embedded->m_scratch = std::make_unique<QTemporaryDir>();
        if (!embedded->m_scratch->isValid()) {
            return makeError(ErrorCode::StorageUnavailable,
                u"cannot create a scratch data directory: %1"_s.arg(embedded->m_scratch->errorString()));
        }
        embedded->m_dataDir = embedded->m_scratch->path();
    }
    BackendOptions backendOptions;
    backendOptions.dataDir = embedded->m_dataDir;
    backendOptions.fault = options.fault;
    if (options.cheapHashing)
        backendOptions.hashing = PasswordHasher::Options {1000, true};
    embedded->m_backend = std::make_unique<Backend>(backendOptions, embedded->m_clock, embedded->m_locks);
    if (auto ready = embedded->m_backend->initialize(); !ready)
        return ready.error();

    server::ServerOptions serverOptions;
    serverOptions.port = 0;
    serverOptions.threads = options.threads;
    serverOptions.accessLog = false;
    Result<quint16> started = embedded->m_serverThread.start(*embedded->m_backend, serverOptions);
    if (!started)
        return started.error();
    embedded->m_port = started.value();
    embedded->m_target.port = embedded->m_port;
    embedded->m_target.dataDir = embedded->m_dataDir;
    embedded->m_target.description = u"embedded (%1)"_s.arg(embedded->url().toString());
    embedded->m_target.fault = options.fault == Fault::None ? QString() : faultName(options.fault);
    return embedded;
}

EmbeddedServer::~EmbeddedServer()
{
    m_serverThread.stop();
    // createAdmin() used admin.db from the caller's thread.
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

} // namespace javumbo::app

namespace javumbo::app {

loadtest::ScratchServerFactory EmbeddedServer::scratchServerFactory()
{
    return [](Fault fault, bool cheapHashing) -> Result<std::unique_ptr<loadtest::ScratchServer>> {
        Options options;
        options.fault = fault;
        options.cheapHashing = cheapHashing;
        auto started = start(options);
        if (!started)
            return makeError(
                started.error().code, u"cannot start the embedded server: "_s + started.error().message);
        // An admin lets the run chart the server's lock waits; the run works without one.
        if (auto admin = (*started)->createAdmin(u"loadtest.admin"_s))
            std::tie((*started)->m_target.adminUsername, (*started)->m_target.adminPassword) = *admin;
        return std::unique_ptr<loadtest::ScratchServer>(std::move(started.value()));
    };
}

} // namespace javumbo::app
