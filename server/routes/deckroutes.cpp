#include "routes.h"

#include "services/backend.h"
#include "services/deckoptionsservice.h"
#include "json/apijson.h"

using namespace Qt::StringLiterals;

namespace javumbo::server::routes {

namespace {

constexpr int kMaxDeckName = 400;

QJsonObject idAndName(const collection::DeckSummary &deck)
{
    return QJsonObject {{u"id"_s, deck.id}, {u"name"_s, deck.name}};
}

Result<HttpResponse> listDecks(RequestContext &context)
{
    if (auto unburied = unburyIfNewDay(context); !unburied)
        return unburied.error();
    auto decks = context.backend.decks().list(context.userId());
    if (!decks)
        return decks.error();
    QJsonArray array;
    for (const collection::DeckSummary &deck : decks.value())
        array.append(apijson::deck(deck));
    return HttpResponse::json(200, array);
}

Result<HttpResponse> getDeck(RequestContext &context)
{
    auto deck = context.backend.decks().get(context.userId(), context.id());
    if (!deck)
        return deck.error();
    return HttpResponse::json(200, apijson::deck(deck.value()));
}

Result<HttpResponse> createDeck(RequestContext &context)
{
    auto name = context.body.requiredString(u"name"_s, kMaxDeckName);
    if (!name)
        return name.error();
    auto deck = context.backend.decks().create(context.userId(), name.value());
    if (!deck)
        return deck.error();
    return HttpResponse::json(201, idAndName(deck.value()));
}

Result<HttpResponse> renameDeck(RequestContext &context)
{
    auto name = context.body.requiredString(u"name"_s, kMaxDeckName);
    if (!name)
        return name.error();
    auto deck = context.backend.decks().rename(context.userId(), context.id(), name.value());
    if (!deck)
        return deck.error();
    return HttpResponse::json(200, idAndName(deck.value()));
}

Result<HttpResponse> deleteDeck(RequestContext &context)
{
    if (auto done = context.backend.decks().remove(context.userId(), context.id()); !done)
        return done.error();
    return HttpResponse::noContent();
}

// The preset the deck uses (docs/api.md "Decks": <options>).
Result<HttpResponse> deckOptions(RequestContext &context)
{
    auto preset = DeckOptionsService(context.backend.context()).forDeck(context.userId(), context.id());
    if (!preset)
        return preset.error();
    return HttpResponse::json(200, apijson::preset(preset.value()));
}

// Replaces the options of the deck's preset: every deck sharing it follows.
Result<HttpResponse> putDeckOptions(RequestContext &context)
{
    auto preset = DeckOptionsService(context.backend.context())
                      .updateFromJson(context.userId(), context.id(), context.body.object());
    if (!preset)
        return preset.error();
    return HttpResponse::json(200, apijson::preset(preset.value()));
}

} // namespace

QList<Endpoint> decks()
{
    return {
        {"GET", u"/api/v1/decks"_s, Access::User, BodyKind::None, listDecks},
        {"POST", u"/api/v1/decks"_s, Access::User, BodyKind::Json, createDeck},
        {"GET", u"/api/v1/decks/{id}"_s, Access::User, BodyKind::None, getDeck},
        {"PATCH", u"/api/v1/decks/{id}"_s, Access::User, BodyKind::Json, renameDeck},
        {"DELETE", u"/api/v1/decks/{id}"_s, Access::User, BodyKind::None, deleteDeck},
        {"GET", u"/api/v1/decks/{id}/options"_s, Access::User, BodyKind::None, deckOptions},
        {"PUT", u"/api/v1/decks/{id}/options"_s, Access::User, BodyKind::Json, putDeckOptions},
    };
}

} // namespace javumbo::server::routes
