#include "apireader.h"

#include "historyindex.h"
#include "marker.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace javumbo::integrity {

namespace {

CardRow cardFromJson(const QJsonObject &object)
{
    CardRow row;
    row.cardId = object.value(u"card_id"_s).toInteger();
    row.noteId = object.value(u"note_id"_s).toInteger();
    row.deckId = object.value(u"deck_id"_s).toInteger();
    row.front = object.value(u"front"_s).toString();
    row.back = object.value(u"back"_s).toString();
    row.reps = object.value(u"reps"_s).toInt();
    row.tag = markerOf(row.back);
    return row;
}

Error unexpected(const QString &what, const net::HttpResult &result)
{
    return makeError(
        ErrorCode::NetworkError, u"%1 answered %2 %3"_s.arg(what).arg(result.status).arg(result.errorCode()));
}

} // namespace

ApiReader::ApiReader(QString host, quint16 port, int pageSize, std::chrono::milliseconds timeout)
    : m_host(host.isEmpty() ? u"127.0.0.1"_s : std::move(host))
    , m_port(port)
    , m_pageSize(std::clamp(pageSize, 1, 1000)) // docs/api.md caps limit at 1000
    , m_timeout(timeout)
{ }

QString ApiReader::name() const
{
    return u"api"_s;
}

std::unique_ptr<net::HttpClient> ApiReader::newClient() const
{
    return std::make_unique<net::HttpClient>(m_host, m_port, m_timeout);
}

Result<QString> ApiReader::token(net::HttpClient &http, const TestAccount &account, bool fresh)
{
    const QString key = HistoryIndex::userKey(account.username);
    if (!fresh) {
        if (const QString known = m_tokens.value(key); !known.isEmpty())
            return known;
        if (!account.token.isEmpty())
            return account.token;
    }
    if (account.password.isEmpty())
        return makeError(ErrorCode::NotAuthenticated, u"no password to log in as "_s % account.username);
    net::HttpCall login;
    login.method = "POST";
    login.path = u"/api/v1/login"_s;
    login.body
        = QJsonDocument(QJsonObject {{u"username"_s, account.username}, {u"password"_s, account.password}})
              .toJson(QJsonDocument::Compact);
    auto result = http.send(login);
    if (!result)
        return result.error();
    if (result->status != 200)
        return unexpected(u"login as "_s % account.username, result.value());
    const QJsonObject body = result->json().toObject();
    m_tokens.insert(key, body.value(u"token"_s).toString());
    m_ids.insert(key, body.value(u"user_id"_s).toInteger());
    return m_tokens.value(key);
}

Result<net::HttpResult> ApiReader::get(net::HttpClient &http, const TestAccount &account, const QString &path)
{
    for (bool fresh : {false, true}) {
        auto bearer = token(http, account, fresh);
        if (!bearer)
            return bearer.error();
        net::HttpCall call;
        call.path = path;
        call.bearerToken = bearer.value();
        auto result = http.send(call);
        if (!result)
            return result.error();
        if (result->status != 401 || fresh || account.password.isEmpty())
            return result;
        m_tokens.remove(HistoryIndex::userKey(account.username)); // expired or logged out: log in again
    }
    return makeError(ErrorCode::NotAuthenticated, u"cannot authenticate as "_s % account.username);
}

Result<qint64> ApiReader::resolveUserId(const TestAccount &account)
{
    const QString key = HistoryIndex::userKey(account.username);
    if (const qint64 known = m_ids.value(key); known != 0)
        return known;
    auto http = newClient();
    auto me = get(*http, account, u"/api/v1/me"_s);
    if (!me)
        return me.error();
    if (me->status != 200)
        return unexpected(u"GET /me as "_s % account.username, me.value());
    const qint64 id = me->json().toObject().value(u"user_id"_s).toInteger();
    m_ids.insert(key, id);
    return id;
}

Result<CollectionRead> ApiReader::read(const TestAccount &account, qint64 cursor, bool full)
{
    Q_UNUSED(full) // nothing more is visible to a full read
    auto http = newClient();
    CollectionRead read;
    read.cursor = cursor;
    for (;;) {
        auto page
            = get(*http, account, u"/api/v1/cards?limit=%1&offset=%2"_s.arg(m_pageSize).arg(read.cursor));
        if (!page)
            return page.error();
        if (page->status != 200)
            return unexpected(u"GET /cards as "_s % account.username, page.value());
        const QJsonArray cards = page->json().toObject().value(u"cards"_s).toArray();
        for (const QJsonValue &card : cards)
            read.cards.append(cardFromJson(card.toObject()));
        read.cursor += cards.size();
        if (cards.size() < m_pageSize)
            break;
    }
    if (read.cards.isEmpty())
        return read;
    auto decks = get(*http, account, u"/api/v1/decks"_s);
    if (!decks)
        return decks.error();
    if (decks->status != 200)
        return unexpected(u"GET /decks as "_s % account.username, decks.value());
    QHash<qint64, QString> names;
    for (const QJsonValue &deck : decks->json().toArray())
        names.insert(deck.toObject().value(u"id"_s).toInteger(), deck.toObject().value(u"name"_s).toString());
    for (CardRow &row : read.cards)
        row.deckName = names.value(row.deckId);
    return read;
}

Result<std::optional<CardRow>> ApiReader::fetchCard(const TestAccount &account, qint64 cardId)
{
    auto http = newClient();
    auto result = get(*http, account, u"/api/v1/cards/%1"_s.arg(cardId));
    if (!result)
        return result.error();
    if (result->status == 404)
        return std::optional<CardRow>();
    if (result->status != 200)
        return unexpected(u"GET /cards/%1 as %2"_s.arg(cardId).arg(account.username), result.value());
    return std::optional<CardRow>(cardFromJson(result->json().toObject()));
}

} // namespace javumbo::integrity
