#include "studentapi.h"

#include "collection/bulkedit.h"
#include "services/backend.h"
#include "testpostgres.h"

using namespace Qt::StringLiterals;

namespace javumbo::testsupport {

namespace {

// Every column as a literal, so rows compare exactly: SQLite's quote() keeps the
// stored type apart ('5' from 5), which its loose typing can change; PostgreSQL's
// columns have one type each, and quote_nullable() spells NULL as SQLite does.
QString quotedRows(const QString &table, const QStringList &columns)
{
    const QString quote = usePostgres() ? u"quote_nullable"_s : u"quote"_s;
    QStringList quoted;
    for (const QString &column : columns)
        quoted.append(u"%1(\"%2\")"_s.arg(quote, column)); // "left" is reserved in PostgreSQL
    return u"SELECT '%1 ' || %2 FROM %1"_s.arg(table, quoted.join(u" || ',' || "_s));
}

} // namespace

StudentApi::StudentApi()
{
    TestServer::Options options;
    options.clock = &clock;
    m_server = std::make_unique<TestServer>(options);
    m_http = m_server->client();
    m_student = m_server->createUser(u"student"_s);
}

net::HttpResult StudentApi::call(const QByteArray &method, const QString &path, const QJsonObject &body)
{
    return callAs(m_student, method, path, body);
}

net::HttpResult StudentApi::callAs(
    const TestServer::User &user, const QByteArray &method, const QString &path, const QJsonObject &body)
{
    return testsupport::call(*m_http, method, path, user.token, body);
}

net::HttpResult StudentApi::callRaw(const QByteArray &method, const QString &path, const QByteArray &body)
{
    net::HttpCall request;
    request.method = method;
    request.path = path;
    request.body = body;
    request.bearerToken = m_student.token;
    auto result = m_http->send(request);
    if (!result)
        qFatal("%s %s: %s", method.constData(), qPrintable(path), qPrintable(result.error().message));
    return result.value();
}

qint64 StudentApi::addCard(
    const QString &front, std::optional<qint64> deckId, const QStringList &tags, const TestServer::User *user)
{
    QJsonObject body {{u"front"_s, front}, {u"back"_s, QString(u"back of "_s + front)},
        {u"tags"_s, QJsonArray::fromStringList(tags)}};
    if (deckId)
        body.insert(u"deck_id"_s, *deckId);
    const auto added = callAs(user ? *user : m_student, "POST", u"/api/v1/cards"_s, body);
    if (added.status != 201)
        qFatal("add card %s: %d %s", qPrintable(front), added.status, added.body.constData());
    return added.json()[u"card_id"_s].toInteger();
}

qint64 StudentApi::createDeck(const QString &name, const TestServer::User *user)
{
    const auto created = callAs(user ? *user : m_student, "POST", u"/api/v1/decks"_s, {{u"name"_s, name}});
    if (created.status != 201)
        qFatal("create deck %s: %d", qPrintable(name), created.status);
    return created.json()[u"id"_s].toInteger();
}

qint64 StudentApi::query(const QString &sql) const
{
    return queryNumber(m_server->backend().context().collectionPath(m_student.id), sql);
}

QStringList StudentApi::collectionRows() const
{
    const QString path = m_server->backend().context().collectionPath(m_student.id);
    QStringList rows = queryColumn(path, quotedRows(u"cards"_s, collection::bulkedit::kCardColumns))
        + queryColumn(path, quotedRows(u"notes"_s, collection::bulkedit::kNoteColumns))
        + queryColumn(path, quotedRows(u"graves"_s, {u"usn"_s, u"oid"_s, u"type"_s}));
    rows.sort();
    return rows;
}

} // namespace javumbo::testsupport
