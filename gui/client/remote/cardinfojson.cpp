#include "cardinfojson.h"

#include "cardjson.h"
#include "jsonfields.h"

using namespace Qt::StringLiterals;

namespace javumbo::gui::cardinfojson {

Result<collection::CardInfo> read(const QJsonObject &json)
{
    JsonFields fields(json, u"card info"_s);
    collection::CardInfo info;
    const QJsonObject cardJson = fields.object(u"card");
    info.deckName = fields.string(u"deck_name");
    info.addedAtMs = fields.integer(u"added_at_ms");
    info.totalTimeMs = fields.integer(u"total_time_ms");
    const QJsonArray reviews = fields.array(u"reviews");
    if (auto valid = fields.check(); !valid)
        return valid.error();
    for (const QJsonValue &item : reviews) {
        JsonFields review(item.toObject(), u"review"_s);
        collection::ReviewEntry entry;
        entry.answeredAtMs = review.integer(u"answered_at_ms");
        entry.ease = int(review.integer(u"ease"));
        entry.type = int(review.integer(u"type"));
        entry.interval = review.integer(u"interval");
        entry.lastInterval = review.integer(u"last_interval");
        entry.factor = int(review.integer(u"factor"));
        entry.timeMs = review.integer(u"time_ms");
        if (auto valid = review.check(); !valid)
            return valid.error();
        info.reviews.append(entry);
    }
    auto card = cardjson::read(cardJson);
    if (!card)
        return card.error();
    info.card = std::move(card).value();
    return info;
}

} // namespace javumbo::gui::cardinfojson
