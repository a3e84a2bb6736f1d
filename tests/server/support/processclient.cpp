#include "processclient.h"

#include "testserver.h"

using namespace Qt::StringLiterals;

namespace javumbo::testsupport::processclient {

net::HttpResult http(quint16 port, const QByteArray &method, const QString &path, const QString &token,
    const QJsonObject &body, const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    net::HttpClient client(u"127.0.0.1"_s, port, std::chrono::seconds(20));
    return testsupport::call(client, method, path, token, body, headers);
}

QByteArray describe(const net::HttpResult &result)
{
    return QByteArray::number(result.status) + " " + result.body.left(500);
}

bool signUp(quint16 port, const QString &username, HttpAccount *account, QByteArray *why, bool registered)
{
    account->username = username;
    account->password = u"password-"_s + username;
    if (!registered) {
        const auto created = http(port, "POST", u"/api/v1/register"_s, {},
            {{u"username"_s, username}, {u"password"_s, account->password}, {u"name"_s, username},
                {u"email"_s, QString(username + u"@example.org"_s)}});
        if (created.status != 201) {
            *why = "register " + username.toUtf8() + ": " + describe(created);
            return false;
        }
        account->id = created.json()[u"user_id"_s].toInteger();
    }
    const auto loggedIn = http(port, "POST", u"/api/v1/login"_s, {},
        {{u"username"_s, username}, {u"password"_s, account->password}});
    if (loggedIn.status != 200) {
        *why = "login " + username.toUtf8() + ": " + describe(loggedIn);
        return false;
    }
    account->token = loggedIn.json()[u"token"_s].toString();
    account->id = loggedIn.json()[u"user_id"_s].toInteger();
    return !account->token.isEmpty();
}

QString cardIdOf(const net::HttpResult &result)
{
    return QString::number(result.json()[u"card_id"_s].toInteger());
}

} // namespace javumbo::testsupport::processclient
