#include "routes.h"

#include "collection/usercollection.h"
#include "services/backend.h"
#include "json/apijson.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace javumbo::server::routes {

namespace {

constexpr int kMaxTags = 100;
constexpr int kMaxTagLength = 100;

struct CardFields
{
    QString front;
    QString back;
    std::optional<qint64> deckId;
    std::optional<QStringList> tags;
};

Result<CardFields> cardFields(const JsonBody &body)
{
    CardFields fields;
    auto front = body.requiredString(u"front"_s, collection::UserCollection::kMaxFieldLength);
    if (!front)
        return front.error();
    auto back = body.requiredString(u"back"_s, collection::UserCollection::kMaxFieldLength);
    if (!back)
        return back.error();
    auto deckId = body.optionalInteger(u"deck_id"_s);
    if (!deckId)
        return deckId.error();
    auto tags = body.optionalStringList(u"tags"_s, kMaxTags, kMaxTagLength);
    if (!tags)
        return tags.error();
    return CardFields {front.value(), back.value(), deckId.value(), tags.value()};
}

HttpResponse cardResponse(int status, const collection::CardRecord &card)
{
    HttpResponse response = HttpResponse::json(status, apijson::card(card));
    response.withHeader("ETag", card.etag().toLatin1());
    return response;
}

// If-Match: absent or "*" → no precondition; otherwise the ETag the card
// must still have (a W/ prefix is ignored). Anything that is not the card's
// current ETag — another card's, a list, garbage — then fails as stale.
std::optional<QString> expectedEtag(const RequestContext &context)
{
    QByteArray ifMatch = context.request.header("if-match").trimmed();
    if (ifMatch.isEmpty() || ifMatch == "*")
        return std::nullopt;
    if (ifMatch.startsWith("W/"))
        ifMatch = ifMatch.mid(2);
    return QString::fromLatin1(ifMatch);
}

Result<HttpResponse> addCard(RequestContext &context)
{
    auto fields = cardFields(context.body);
    if (!fields)
        return fields.error();
    auto deckId = effectiveDeck(context, fields->deckId);
    if (!deckId)
        return deckId.error();
    const collection::NewCard card {
        fields->front, fields->back, deckId.value(), fields->tags.value_or(QStringList()), {}};
    const CardService &cards = context.backend.cards();

    const QByteArray keyHeader = context.request.header("idempotency-key");
    if (keyHeader.isEmpty()) {
        auto added = cards.add(context.userId(), card);
        if (!added)
            return added.error();
        return cardResponse(201, added.value());
    }
    static const QRegularExpression validKey(u"^[\\x21-\\x7e]{1,64}$"_s);
    const QString key = QString::fromLatin1(keyHeader);
    if (!validKey.match(key).hasMatch())
        return makeError(
            ErrorCode::BadRequest, u"Idempotency-Key must be 1 to 64 visible ASCII characters"_s);
    // What makes two requests "the same": the card as resolved, not the raw bytes.
    const QByteArray requestHash = QCryptographicHash::hash(
        QJsonDocument(QJsonObject {{u"front"_s, card.front}, {u"back"_s, card.back},
                          {u"deck_id"_s, card.deckId}, {u"tags"_s, QJsonArray::fromStringList(card.tags)}})
            .toJson(QJsonDocument::Compact),
        QCryptographicHash::Sha256);
    auto reply
        = cards.addOnce(context.userId(), card, key, requestHash, [](const collection::CardRecord &record) {
              return QJsonDocument(apijson::card(record)).toJson(QJsonDocument::Compact);
          });
    if (!reply)
        return reply.error();
    HttpResponse response;
    response.status = reply->status;
    response.body = reply->body;
    const QString etag = QJsonDocument::fromJson(reply->body).object().value(u"etag"_s).toString();
    if (!etag.isEmpty())
        response.withHeader("ETag", etag.toLatin1());
    if (reply->replayed)
        response.withHeader("Idempotent-Replayed", "true");
    return response;
}

Result<HttpResponse> getCard(RequestContext &context)
{
    auto card = context.backend.cards().get(context.userId(), context.id());
    if (!card)
        return card.error();
    return cardResponse(200, card.value());
}

Result<HttpResponse> listCards(RequestContext &context)
{
    const HttpRequest &request = context.request;
    collection::CardQuery query;
    auto deckId = queryDeckId(request);
    if (!deckId)
        return deckId.error();
    query.deckId = deckId.value();
    auto limit = queryInteger(request, u"limit"_s, 50, 0, 1000);
    if (!limit)
        return limit.error();
    auto offset = queryInteger(request, u"offset"_s, 0, 0, std::numeric_limits<int>::max());
    if (!offset)
        return offset.error();
    query.limit = int(limit.value());
    query.offset = int(offset.value());
    query.search = queryText(request, u"q"_s);
    if (query.search.size() > 1000)
        return makeError(ErrorCode::BadRequest, u"the search is longer than 1000 characters"_s);
    auto page = context.backend.cards().find(context.userId(), query);
    if (!page)
        return page.error();
    QJsonArray cards;
    for (const collection::CardRecord &card : page->cards)
        cards.append(apijson::card(card));
    return HttpResponse::json(200, QJsonObject {{u"cards"_s, cards}, {u"total"_s, page->total}});
}

Result<HttpResponse> updateCard(RequestContext &context)
{
    auto fields = cardFields(context.body);
    if (!fields)
        return fields.error();
    const collection::CardEdit edit {
        fields->front, fields->back, fields->deckId, fields->tags, expectedEtag(context)};
    auto card = context.backend.cards().update(context.userId(), context.id(), edit);
    if (!card)
        return card.error();
    return cardResponse(200, card.value());
}

Result<HttpResponse> deleteCard(RequestContext &context)
{
    if (auto done = context.backend.cards().remove(context.userId(), context.id(), expectedEtag(context));
        !done)
        return done.error();
    return HttpResponse::noContent();
}

Result<HttpResponse> setSuspended(RequestContext &context)
{
    auto suspended = context.body.requiredBool(u"suspended"_s);
    if (!suspended)
        return suspended.error();
    auto card = context.backend.cards().setSuspended(
        context.userId(), context.id(), suspended.value(), expectedEtag(context));
    if (!card)
        return card.error();
    return cardResponse(200, card.value());
}

} // namespace

QList<Endpoint> cards()
{
    return {
        {"POST", u"/api/v1/cards"_s, Access::User, BodyKind::Json, addCard},
        {"GET", u"/api/v1/cards"_s, Access::User, BodyKind::None, listCards},
        {"GET", u"/api/v1/cards/{id}"_s, Access::User, BodyKind::None, getCard},
        {"PUT", u"/api/v1/cards/{id}"_s, Access::User, BodyKind::Json, updateCard},
        {"DELETE", u"/api/v1/cards/{id}"_s, Access::User, BodyKind::None, deleteCard},
        {"PUT", u"/api/v1/cards/{id}/suspended"_s, Access::User, BodyKind::Json, setSuspended},
    };
}

} // namespace javumbo::server::routes
