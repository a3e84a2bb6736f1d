#include "lockpoller.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;
using javumbo::net::HttpCall;
using javumbo::net::HttpResult;

namespace javumbo::loadtest {

LockPoller::LockPoller(QString host, quint16 port, QString username, QString password)
    : m_host(std::move(host)), m_port(port), m_username(std::move(username)), m_password(std::move(password))
{ }

std::optional<LockPoint> LockPoller::poll(const history::History &clock)
{
    if (m_username.isEmpty())
        return std::nullopt;
    if (!m_client)
        m_client = std::make_unique<net::HttpClient>(m_host, m_port, std::chrono::seconds(5));
    if (m_token.isEmpty()) {
        HttpCall login;
        login.method = "POST";
        login.path = u"/api/v1/login"_s;
        login.body = QJsonDocument(QJsonObject {{u"username"_s, m_username}, {u"password"_s, m_password}})
                         .toJson(QJsonDocument::Compact);
        const Result<HttpResult> answer = m_client->send(login);
        if (!answer || answer->status != 200)
            return std::nullopt;
        m_token = answer->json().toObject().value(u"token"_s).toString();
    }
    HttpCall locks;
    locks.path = u"/api/v1/admin/locks"_s;
    locks.bearerToken = m_token;
    const Result<HttpResult> answer = m_client->send(locks);
    if (!answer || answer->status != 200)
        return std::nullopt;
    LockPoint point;
    point.tS = double(clock.nowUs()) / 1e6;
    for (const QJsonValue row : answer->json().toArray()) {
        const QJsonObject lock = row.toObject();
        point.maxWaitMs = std::max(point.maxWaitMs, lock.value(u"max_wait_ms"_s).toDouble());
        point.waiters += lock.value(u"waiters"_s).toInteger();
        point.contended += lock.value(u"contended"_s).toInteger();
    }
    return point;
}

} // namespace javumbo::loadtest
