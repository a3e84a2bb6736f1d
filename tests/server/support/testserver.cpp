#include "testserver.h"
#include "testpostgres.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace javumbo::testsupport {

TestServer::TestServer() : TestServer(Options {}) { }

TestServer::TestServer(const Options &options)
{
    server::EmbeddedServer::Options embedded;
    embedded.backend.lockTimeout = options.lockTimeout;
    embedded.backend.fault = options.fault;
    embedded.backend.hashing = PasswordHasher::Options {options.hashIterations, true};
    if (usePostgres()) // the same API on PostgreSQL: tests registered with javumbo_add_pg_run
        embedded.backend.database = TestPostgres::instance().freshDatabase();
    embedded.threads = options.threads;
    embedded.limits = options.limits;
    embedded.clock = options.clock;
    embedded.registrationOpen = options.registrationOpen;
    embedded.publicUrl = options.publicUrl;
    embedded.instanceId = options.instanceId;
    auto started = server::EmbeddedServer::start(embedded);
    if (!started)
        qFatal("test server: %s", qPrintable(started.error().message));
    m_server = std::move(started).value();
}

TestServer::~TestServer() = default;

std::unique_ptr<net::HttpClient> TestServer::client() const
{
    return std::make_unique<net::HttpClient>(u"127.0.0.1"_s, port(), std::chrono::seconds(30));
}

TestServer::User TestServer::createUser(const QString &username, bool admin)
{
    auto http = client();
    User user {0, username, QString(u"password-"_s + username), QString()};
    const auto registered = call(*http, "POST", u"/api/v1/register"_s, {},
        QJsonObject {{u"username"_s, username}, {u"password"_s, user.password}, {u"name"_s, username},
            {u"email"_s, QString(username + u"@example.org"_s)}});
    if (registered.status != 201)
        qFatal("register %s: %d %s", qPrintable(username), registered.status, registered.body.constData());
    user.id = registered.json().toObject().value(u"user_id"_s).toInteger();
    if (admin && !backend().accounts().setAdmin(username, true))
        qFatal("cannot make %s an admin", qPrintable(username));
    user.token = login(username, user.password);
    return user;
}

QString TestServer::login(const QString &username, const QString &password)
{
    auto http = client();
    const auto loggedIn = call(*http, "POST", u"/api/v1/login"_s, {},
        QJsonObject {{u"username"_s, username}, {u"password"_s, password}});
    if (loggedIn.status != 200)
        qFatal("login %s: %d %s", qPrintable(username), loggedIn.status, loggedIn.body.constData());
    return loggedIn.json().toObject().value(u"token"_s).toString();
}

net::HttpResult call(net::HttpClient &client, const QByteArray &method, const QString &path,
    const QString &token, const QJsonObject &body, const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    net::HttpCall httpCall;
    httpCall.method = method;
    httpCall.path = path;
    httpCall.bearerToken = token;
    httpCall.headers = headers;
    if (!body.isEmpty())
        httpCall.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    auto result = client.send(httpCall);
    if (!result) {
        net::HttpResult failed;
        failed.status = -1;
        failed.body = result.error().message.toUtf8();
        return failed;
    }
    return result.value();
}

} // namespace javumbo::testsupport
