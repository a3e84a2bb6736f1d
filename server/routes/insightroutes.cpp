#include "routes.h"

#include "collection/usercollection.h"
#include "services/backend.h"
#include "services/insightsservice.h"
#include "json/apijson.h"

using namespace Qt::StringLiterals;

// The reads the desktop's browser and Add window make (docs/api.md §4.7,
// §4.8), over the service the desktop app uses.
namespace javumbo::server::routes {

namespace {

InsightsService insights(const RequestContext &context)
{
    return InsightsService(context.backend.context());
}

Result<HttpResponse> cardInfo(RequestContext &context)
{
    auto info = insights(context).cardInfo(context.userId(), context.id());
    if (!info)
        return info.error();
    return HttpResponse::json(200, apijson::cardInfo(info.value()));
}

Result<HttpResponse> tags(RequestContext &context)
{
    auto tags = insights(context).tags(context.userId());
    if (!tags)
        return tags.error();
    return HttpResponse::json(200, QJsonObject {{u"tags"_s, QJsonArray::fromStringList(tags.value())}});
}

// A POST although it only reads: a front may be longer than a query string can be.
Result<HttpResponse> duplicateFronts(RequestContext &context)
{
    auto deckId = context.body.requiredInteger(u"deck_id"_s);
    if (!deckId)
        return deckId.error();
    auto front = context.body.requiredString(u"front"_s, collection::UserCollection::kMaxFieldLength);
    if (!front)
        return front.error();
    // The service answers an unknown deck with no duplicates; the API names it (§4.8).
    auto exists = deckId.value() > 0 ? context.backend.decks().exists(context.userId(), deckId.value())
                                     : Result<bool>(false);
    if (!exists)
        return exists.error();
    if (!exists.value())
        return makeError(ErrorCode::DeckNotFound, u"deck %1 not found"_s.arg(deckId.value()));
    auto notes = insights(context).duplicateFronts(context.userId(), deckId.value(), front.value());
    if (!notes)
        return notes.error();
    QJsonArray noteIds;
    for (qint64 noteId : notes.value())
        noteIds.append(noteId);
    return HttpResponse::json(200, QJsonObject {{u"note_ids"_s, noteIds}});
}

} // namespace

QList<Endpoint> insights()
{
    return {
        {"GET", u"/api/v1/cards/{id}/info"_s, Access::User, BodyKind::None, cardInfo},
        {"GET", u"/api/v1/tags"_s, Access::User, BodyKind::None, tags},
        {"POST", u"/api/v1/cards/duplicates"_s, Access::User, BodyKind::Json, duplicateFronts},
    };
}

} // namespace javumbo::server::routes
