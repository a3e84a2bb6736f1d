#include "reviewjson.h"

#include "cardjson.h"
#include "jsonfields.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace javumbo::gui::reviewjson {

Result<collection::NextCard> readNext(const QJsonObject &json)
{
    JsonFields fields(json, u"next card"_s);
    const QJsonObject cardJson = fields.object(u"card");
    JsonFields intervals(fields.object(u"intervals"), u"intervals"_s);
    JsonFields counts(fields.object(u"counts"), u"counts"_s);
    collection::NextCard next;
    for (int ease = 1; ease <= 4; ++ease)
        next.intervals[size_t(ease - 1)] = intervals.integer(QString::number(ease));
    next.counts.newCount = int(counts.integer(u"new"));
    next.counts.learning = int(counts.integer(u"learning"));
    next.counts.review = int(counts.integer(u"review"));
    for (const JsonFields *checked : {&fields, &intervals, &counts}) {
        if (auto valid = checked->check(); !valid)
            return valid.error();
    }
    auto card = cardjson::read(cardJson);
    if (!card)
        return card.error();
    next.card = std::move(card).value();
    return next;
}

QJsonObject answerBody(const collection::AnswerRequest &request)
{
    // The server takes 0 to one day (docs/api.md §6) and caps it at the deck's maxTaken anyway.
    constexpr qint64 kDayMs = 86'400'000;
    QJsonObject body {{u"card_id"_s, request.cardId}, {u"ease"_s, request.ease},
        {u"time_taken_ms"_s, std::clamp<qint64>(request.timeTakenMs, 0, kDayMs)}};
    if (request.expectedReps)
        body.insert(u"expected_reps"_s, *request.expectedReps);
    return body;
}

} // namespace javumbo::gui::reviewjson
