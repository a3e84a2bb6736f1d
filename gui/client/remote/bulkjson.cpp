#include "bulkjson.h"

#include "jsonfields.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace javumbo::gui::bulkjson {

namespace {

QString actionName(collection::BulkChange::Kind kind)
{
    using Kind = collection::BulkChange::Kind;
    switch (kind) {
    case Kind::SetDeck:
        return u"set_deck"_s;
    case Kind::AddTags:
        return u"add_tags"_s;
    case Kind::RemoveTags:
        return u"remove_tags"_s;
    case Kind::Suspend:
        return u"suspend"_s;
    case Kind::Unsuspend:
        return u"unsuspend"_s;
    case Kind::Bury:
        return u"bury"_s;
    case Kind::Flag:
        return u"flag"_s;
    case Kind::Delete:
        return u"delete"_s;
    }
    return {};
}

} // namespace

QJsonObject changeBody(const collection::BulkChange &change)
{
    using Kind = collection::BulkChange::Kind;
    QJsonArray ids;
    for (qint64 id : change.cardIds)
        ids.append(id);
    QJsonObject body {{u"action"_s, actionName(change.kind)}, {u"card_ids"_s, ids}};
    if (change.kind == Kind::SetDeck)
        body.insert(u"deck_id"_s, change.deckId);
    if (change.kind == Kind::AddTags || change.kind == Kind::RemoveTags)
        body.insert(u"tags"_s, QJsonArray::fromStringList(change.tags));
    if (change.kind == Kind::Flag)
        body.insert(u"flag"_s, change.flag);
    return body;
}

Result<collection::BulkResult> readResult(const QJsonObject &json, collection::BulkChange::Kind kind)
{
    JsonFields fields(json, u"bulk change"_s);
    collection::BulkResult result;
    result.changed = int(fields.integer(u"changed"));
    result.undo.kind = kind;
    result.undo.undoId = fields.optionalInteger(u"undo_id").value_or(0);
    if (auto valid = fields.check(); !valid)
        return valid.error();
    return result;
}

} // namespace javumbo::gui::bulkjson
