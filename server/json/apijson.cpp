#include "apijson.h"

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

QJsonObject dayCounts(const collection::DayCounts &counts)
{
    QJsonArray array;
    for (qint64 count : counts)
        array.append(count);
    return QJsonObject {{u"days"_s, counts.size()}, {u"counts"_s, array}};
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

} // namespace javumbo::server::apijson
