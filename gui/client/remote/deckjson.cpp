#include "deckjson.h"

#include "jsonfields.h"

using namespace Qt::StringLiterals;

namespace javumbo::gui::deckjson {

Result<collection::DeckSummary> read(const QJsonObject &json)
{
    JsonFields fields(json, u"deck"_s);
    collection::DeckSummary deck;
    deck.id = fields.integer(u"id");
    deck.name = fields.string(u"name");
    deck.cardCount = int(fields.integer(u"card_count"));
    deck.newCount = int(fields.integer(u"new_count"));
    deck.learningCount = int(fields.integer(u"learning_count"));
    deck.dueCount = int(fields.integer(u"due_count"));
    deck.nextDueAt = fields.optionalInteger(u"next_due_at");
    if (auto valid = fields.check(); !valid)
        return valid.error();
    return deck;
}

Result<QList<collection::DeckSummary>> readList(const QJsonArray &json)
{
    return readEach(json, read);
}

Result<qint64> readId(const QJsonObject &json)
{
    JsonFields fields(json, u"deck"_s);
    const qint64 id = fields.integer(u"id");
    if (auto valid = fields.check(); !valid)
        return valid.error();
    return id;
}

} // namespace javumbo::gui::deckjson
