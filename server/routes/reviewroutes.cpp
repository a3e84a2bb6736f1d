#include "routes.h"

#include "services/backend.h"
#include "json/apijson.h"

using namespace Qt::StringLiterals;

namespace javumbo::server::routes {

namespace {

Result<HttpResponse> nextCard(RequestContext &context)
{
    auto explicitDeck = queryDeckId(context.request);
    if (!explicitDeck)
        return explicitDeck.error();
    auto deckId = effectiveDeck(context, explicitDeck.value());
    if (!deckId)
        return deckId.error();
    if (auto unburied = unburyIfNewDay(context); !unburied)
        return unburied.error();
    auto next = context.backend.reviews().next(context.userId(), deckId.value());
    if (!next)
        return next.error();
    if (!next.value())
        return HttpResponse::noContent();
    return HttpResponse::json(200, apijson::nextCard(*next.value()));
}

Result<HttpResponse> answer(RequestContext &context)
{
    const JsonBody &body = context.body;
    auto cardId = body.requiredInteger(u"card_id"_s);
    if (!cardId)
        return cardId.error();
    auto ease = body.requiredInteger(u"ease"_s);
    if (!ease)
        return ease.error();
    auto timeTaken = body.optionalInteger(u"time_taken_ms"_s);
    if (!timeTaken)
        return timeTaken.error();
    auto expectedReps = body.optionalInteger(u"expected_reps"_s);
    if (!expectedReps)
        return expectedReps.error();
    if (ease.value() < 1 || ease.value() > 4)
        return makeError(ErrorCode::InvalidEase, u"ease must be 1, 2, 3 or 4"_s);
    if (timeTaken.value() && (*timeTaken.value() < 0 || *timeTaken.value() > 86400000))
        return makeError(ErrorCode::BadRequest, u"time_taken_ms must be from 0 to 86400000"_s);
    if (expectedReps.value()
        && (*expectedReps.value() < 0 || *expectedReps.value() > std::numeric_limits<int>::max()))
        return makeError(ErrorCode::BadRequest, u"expected_reps must be a non-negative integer"_s);
    collection::AnswerRequest request;
    request.cardId = cardId.value();
    request.ease = int(ease.value());
    request.timeTakenMs = timeTaken.value().value_or(0);
    if (expectedReps.value())
        request.expectedReps = int(*expectedReps.value());
    auto card = context.backend.reviews().answer(context.userId(), request);
    if (!card)
        return card.error();
    return HttpResponse::json(200, apijson::answeredCard(card.value()));
}

Result<HttpResponse> undo(RequestContext &context)
{
    auto undoId = context.body.requiredInteger(u"undo_id"_s);
    if (!undoId)
        return undoId.error();
    auto card = context.backend.reviews().undo(context.userId(), undoId.value());
    if (!card)
        return undoRefused(context, card.error());
    return HttpResponse::json(200, apijson::card(card.value()));
}

} // namespace

QList<Endpoint> review()
{
    return {
        {"GET", u"/api/v1/review/next"_s, Access::User, BodyKind::None, nextCard},
        {"POST", u"/api/v1/review/answer"_s, Access::User, BodyKind::Json, answer},
        {"POST", u"/api/v1/review/undo"_s, Access::User, BodyKind::Json, undo},
    };
}

} // namespace javumbo::server::routes
