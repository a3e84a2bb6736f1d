#include "remotefixture.h"

#include "net/httpclient.h"
#include "testserver.h"

#include <QDir>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace javumbo::testsupport {

RemoteFixture::RemoteFixture()
{
    enterTestMode();
    if (!m_dataDir.isValid())
        qFatal("no temporary directory");
    startServer();
    m_proxy = std::make_unique<TcpProxy>(m_server->port());

    net::HttpClient http(u"127.0.0.1"_s, m_server->port());
    const auto registered = call(http, "POST", u"/api/v1/register"_s, {},
        QJsonObject {{u"username"_s, m_username}, {u"password"_s, m_password},
            {u"email"_s, u"student@example.org"_s}});
    if (registered.status != 201)
        qFatal("register: %d %s", registered.status, registered.body.constData());
    m_userId = registered.json().toObject().value(u"user_id"_s).toInteger();
    m_local = std::make_unique<gui::LocalCollectionClient>(m_server->backend(), m_userId, m_username);

    auto token = RemoteSession::signIn(url(), m_username, m_password);
    if (!token)
        qFatal("sign in: %s", qPrintable(token.error().message));
    RemoteSession::Options options;
    options.requestTimeout = std::chrono::seconds(20);
    options.retryBudget = std::chrono::seconds(10);
    options.signInWait = std::chrono::seconds(10);
    m_session = std::make_shared<RemoteSession>(RemoteEndpoint {url(), m_username}, token.value(), options);
    m_remote = std::make_shared<gui::RemoteCollectionClient>(m_session);
}

RemoteFixture::~RemoteFixture()
{
    QDir(m_remote->mediaDirectory()).removeRecursively(); // under the test-mode cache location
    m_remote.reset();
    m_session.reset();
    m_proxy.reset();
    stopServer();
}

void RemoteFixture::startServer()
{
    server::EmbeddedServer::Options options;
    options.backend.dataDir = m_dataDir.path();
    options.backend.hashing = PasswordHasher::Options {1000, true};
    // Short, so a held lock turns into 503 user_busy quickly.
    options.backend.lockTimeout = std::chrono::milliseconds(300);
    options.clock = &clock;
    auto started = server::EmbeddedServer::start(options);
    if (!started)
        qFatal("server: %s", qPrintable(started.error().message));
    m_server = std::move(started).value();
    if (m_proxy)
        m_proxy->setUpstreamPort(m_server->port());
    if (m_userId != 0)
        m_local = std::make_unique<gui::LocalCollectionClient>(m_server->backend(), m_userId, m_username);
}

void RemoteFixture::stopServer()
{
    m_local.reset();
    m_server.reset();
}

QUrl RemoteFixture::url() const
{
    return QUrl(u"http://127.0.0.1:%1"_s.arg(m_proxy->port()));
}

QString RemoteFixture::collectionPath() const
{
    return m_dataDir.filePath(u"user_dbs/user_%1.db"_s.arg(m_userId));
}

qint64 RemoteFixture::cardsInFile() const
{
    return queryNumber(collectionPath(), u"SELECT count(*) FROM cards"_s);
}

} // namespace javumbo::testsupport
