#pragma once

#include "testserver.h"

#include <QJsonArray>

#include <optional>

namespace javumbo::testsupport {

// One student on a loopback server whose clock is pinned to 10:00 UTC (far
// from the 04:00 rollover, so "today" moves only when a test moves it), with
// the shorthands the route tests of the desktop's operations share.
class StudentApi
{
public:
    StudentApi();

    ManualClock clock {kDay0TenAmMs, 0};
    TestServer &server() { return *m_server; }
    const TestServer::User &student() const { return m_student; }

    net::HttpResult call(const QByteArray &method, const QString &path, const QJsonObject &body = {});
    net::HttpResult callAs(const TestServer::User &user, const QByteArray &method, const QString &path,
        const QJsonObject &body = {});
    // Sends `body` as it is, declared as JSON (bodies a QJsonObject cannot hold).
    net::HttpResult callRaw(const QByteArray &method, const QString &path, const QByteArray &body);

    // Set-up through the API; fails the process on error (not the thing tested).
    qint64 addCard(const QString &front, std::optional<qint64> deckId = std::nullopt,
        const QStringList &tags = {}, const TestServer::User *user = nullptr);
    qint64 createDeck(const QString &name, const TestServer::User *user = nullptr);

    qint64 query(const QString &sql) const;
    // Every row of cards, notes and graves as SQLite's quote() writes them
    // (so an integer stored as text differs), ordered: equal lists are equal rows.
    QStringList collectionRows() const;

private:
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<net::HttpClient> m_http;
    TestServer::User m_student;
};

} // namespace javumbo::testsupport
