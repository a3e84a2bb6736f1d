#include "routes.h"

#include "services/backend.h"
#include "services/bulkeditservice.h"

#include <array>

using namespace Qt::StringLiterals;

// Bulk changes and their undo (docs/api.md §4.6): the server keeps every
// undo record and hands out only its id, so no client can write rows back.
namespace javumbo::server::routes {

namespace {

using Kind = collection::BulkChange::Kind;

// What a 1 MiB body holds comfortably (an 18-digit id and a comma each).
constexpr int kMaxCardIds = 50000;
constexpr int kMaxTags = 100;
constexpr int kMaxTagLength = 100;
constexpr int kMaxFlag = 7;

constexpr std::array<std::pair<const char16_t *, Kind>, 8> kActions {{
    {u"set_deck", Kind::SetDeck},
    {u"add_tags", Kind::AddTags},
    {u"remove_tags", Kind::RemoveTags},
    {u"suspend", Kind::Suspend},
    {u"unsuspend", Kind::Unsuspend},
    {u"bury", Kind::Bury},
    {u"flag", Kind::Flag},
    {u"delete", Kind::Delete},
}};

Result<Kind> actionNamed(const QString &name)
{
    for (const auto &[actionName, kind] : kActions) {
        if (name == QStringView(actionName))
            return kind;
    }
    return makeError(ErrorCode::BadRequest,
        u"field \"action\" must be one of set_deck, add_tags, remove_tags, suspend, unsuspend, bury, "
        "flag, delete"_s);
}

// The fields an action needs besides the cards; the others are ignored.
Result<void> readActionFields(const JsonBody &body, collection::BulkChange &change)
{
    switch (change.kind) {
    case Kind::SetDeck: {
        auto deckId = body.requiredInteger(u"deck_id"_s);
        if (!deckId)
            return deckId.error();
        change.deckId = deckId.value();
        return {};
    }
    case Kind::AddTags:
    case Kind::RemoveTags: {
        auto tags = body.optionalStringList(u"tags"_s, kMaxTags, kMaxTagLength);
        if (!tags)
            return tags.error();
        if (!tags.value() || tags.value()->isEmpty())
            return makeError(ErrorCode::BadRequest, u"field \"tags\" must hold at least one tag"_s);
        change.tags = *tags.value();
        return {};
    }
    case Kind::Flag: {
        auto flag = body.requiredInteger(u"flag"_s);
        if (!flag)
            return flag.error();
        if (flag.value() < 0 || flag.value() > kMaxFlag)
            return makeError(ErrorCode::BadRequest, u"field \"flag\" must be from 0 to 7"_s);
        change.flag = int(flag.value());
        return {};
    }
    case Kind::Suspend:
    case Kind::Unsuspend:
    case Kind::Bury:
    case Kind::Delete:
        return {};
    }
    return {};
}

Result<HttpResponse> applyBulk(RequestContext &context)
{
    const JsonBody &body = context.body;
    auto action = body.requiredString(u"action"_s, 20);
    if (!action)
        return action.error();
    collection::BulkChange change;
    auto kind = actionNamed(action.value());
    if (!kind)
        return kind.error();
    change.kind = kind.value();
    auto cardIds = body.requiredIdList(u"card_ids"_s, kMaxCardIds);
    if (!cardIds)
        return cardIds.error();
    change.cardIds = cardIds.value();
    if (auto read = readActionFields(body, change); !read)
        return read.error();
    auto applied = BulkEditService(context.backend.context()).applyKept(context.userId(), change);
    if (!applied)
        return applied.error();
    const qint64 undoId = applied->undo.undoId;
    return HttpResponse::json(200,
        QJsonObject {{u"changed"_s, applied->changed},
            {u"undo_id"_s, undoId != 0 ? QJsonValue(undoId) : QJsonValue(QJsonValue::Null)}});
}

Result<HttpResponse> undoBulk(RequestContext &context)
{
    auto undoId = context.body.requiredInteger(u"undo_id"_s);
    if (!undoId)
        return undoId.error();
    auto restored = BulkEditService(context.backend.context()).undoKept(context.userId(), undoId.value());
    if (!restored)
        return undoRefused(context, restored.error());
    return HttpResponse::json(200, QJsonObject {{u"restored"_s, restored.value()}});
}

} // namespace

QList<Endpoint> bulk()
{
    return {
        {"POST", u"/api/v1/cards/bulk"_s, Access::User, BodyKind::Json, applyBulk},
        {"POST", u"/api/v1/cards/bulk/undo"_s, Access::User, BodyKind::Json, undoBulk},
    };
}

} // namespace javumbo::server::routes
