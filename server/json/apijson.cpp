#include "apijson.h"

#include "collection/deckoptionsjson.h"

using namespace Qt::StringLiterals;

namespace javumbo::server::apijson {

QJsonObject card(const collection::CardRecord &card)
{
    return QJsonObject {
        {u"card_id"_s, card.cardId},
        {u"note_id"_s, card.noteId},
        {u"deck_id"_s, card.deckId},
        {u"front"_s, card.front},
        {u"back"_s, card.back},
        {u"tags"_s, QJsonArray::fromStringList(card.tags)},
        {u"type"_s, card.state.type},
        {u"queue"_s, card.state.queue},
        {u"due"_s, card.state.due},
        {u"ivl"_s, card.state.ivl},
        {u"factor"_s, card.state.factor},
        {u"reps"_s, card.state.reps},
        {u"lapses"_s, card.state.lapses},
        {u"left"_s, card.state.left},
        {u"flags"_s, card.flags},
        {u"mod"_s, card.mod},
        {u"etag"_s, card.etag()},
    };
}

QJsonObject deck(const collection::DeckSummary &deck)
{
    return QJsonObject {
        {u"id"_s, deck.id},
        {u"name"_s, deck.name},
        {u"card_count"_s, deck.cardCount},
        {u"new_count"_s, deck.newCount},
        {u"learning_count"_s, deck.learningCount},
        {u"due_count"_s, deck.dueCount},
        {u"next_due_at"_s, deck.nextDueAt ? QJsonValue(*deck.nextDueAt) : QJsonValue(QJsonValue::Null)},
    };
}

QJsonObject answeredCard(const collection::AnsweredCard &answered)
{
    QJsonObject object = card(answered);
    object.insert(u"undo_id"_s, answered.undoId);
    return object;
}

namespace {

template<typename Numbers>
QJsonArray numbers(const Numbers &values)
{
    QJsonArray array;
    for (qint64 value : values)
        array.append(value);
    return array;
}

} // namespace

QJsonObject dayCounts(const collection::DayCounts &counts)
{
    return QJsonObject {{u"days"_s, counts.size()}, {u"counts"_s, numbers(counts)}};
}

QJsonObject nextCard(const collection::NextCard &next)
{
    QJsonObject intervals;
    for (int ease = 1; ease <= 4; ++ease)
        intervals.insert(QString::number(ease), next.intervals[size_t(ease - 1)]);
    return QJsonObject {
        {u"card"_s, card(next.card)},
        {u"intervals"_s, intervals},
        {u"counts"_s,
            QJsonObject {{u"new"_s, next.counts.newCount}, {u"learning"_s, next.counts.learning},
                {u"review"_s, next.counts.review}}},
    };
}

QJsonObject stats(const collection::CollectionStats &stats)
{
    return QJsonObject {
        {u"cards"_s, stats.cards},
        {u"notes"_s, stats.notes},
        {u"reviews_today"_s, stats.reviewsToday},
        {u"due_today"_s, stats.dueToday},
        {u"decks"_s, stats.decks},
        {u"new_cards"_s, stats.newCards},
        {u"learning_cards"_s, stats.learningCards},
        {u"review_cards"_s, stats.reviewCards},
        {u"suspended_cards"_s, stats.suspendedCards},
    };
}

QJsonObject preset(const collection::OptionsPreset &preset)
{
    QJsonObject object = collection::deckoptions::toJson(preset);
    object.insert(u"deck_count"_s, preset.deckCount);
    return object;
}

QJsonObject cardInfo(const collection::CardInfo &info)
{
    QJsonArray reviews;
    for (const collection::ReviewEntry &review : info.reviews) {
        reviews.append(QJsonObject {
            {u"answered_at_ms"_s, review.answeredAtMs},
            {u"ease"_s, review.ease},
            {u"type"_s, review.type},
            {u"interval"_s, review.interval},
            {u"last_interval"_s, review.lastInterval},
            {u"factor"_s, review.factor},
            {u"time_ms"_s, review.timeMs},
        });
    }
    return QJsonObject {
        {u"card"_s, card(info.card)},
        {u"deck_name"_s, info.deckName},
        {u"added_at_ms"_s, info.addedAtMs},
        {u"total_time_ms"_s, info.totalTimeMs},
        {u"reviews"_s, reviews},
    };
}

QJsonObject deckStats(const collection::DeckStatsReport &report, int days)
{
    const collection::AnswerButtonCounts &buttons = report.buttons;
    const collection::RetentionCounts &retention = report.retention;
    return QJsonObject {
        {u"days"_s, days},
        {u"cards"_s, report.cards},
        {u"new_cards"_s, report.newCards},
        {u"learning_cards"_s, report.learningCards},
        {u"review_cards"_s, report.reviewCards},
        {u"suspended_cards"_s, report.suspendedCards},
        {u"reviews_today"_s, report.reviewsToday},
        {u"seconds_today"_s, report.secondsToday},
        {u"reviews"_s, numbers(report.reviews)},
        {u"study_seconds"_s, numbers(report.studySeconds)},
        {u"forecast"_s, numbers(report.forecast)},
        {u"buttons"_s,
            QJsonObject {{u"learning"_s, numbers(buttons.learning)}, {u"young"_s, numbers(buttons.young)},
                {u"mature"_s, numbers(buttons.mature)}}},
        {u"retention"_s,
            QJsonObject {{u"young_passed"_s, retention.youngPassed}, {u"young_total"_s, retention.youngTotal},
                {u"mature_passed"_s, retention.maturePassed}, {u"mature_total"_s, retention.matureTotal}}},
    };
}

} // namespace javumbo::server::apijson
