#pragma once

#include "scheduling/cardstate.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>

namespace javumbo::collection {

// A deck with its counts, as lists show it.
struct DeckSummary
{
    qint64 id = 0;
    QString name;
    int cardCount = 0;
    int newCount = 0; // new cards available today (limits applied)
    int learningCount = 0; // learning cards due within the learn-ahead limit
    int dueCount = 0; // review cards due today (limits applied)
    // When the earliest card that is not available now becomes available
    // (Unix seconds); nothing when no card waits for later (studystats.h).
    std::optional<qint64> nextDueAt;
};

// One Basic note with its single card.
struct CardRecord
{
    qint64 cardId = 0;
    qint64 noteId = 0;
    qint64 deckId = 0;
    QString front;
    QString back;
    QStringList tags;
    scheduling::CardState state;
    int flags = 0; // Anki's flag: 0 none, 1 red, 2 orange, 3 green, 4 blue (cards.flags & 7)
    qint64 mod = 0; // when the card last changed, Unix seconds (docs/scheduling.md §9.5)
    // The card's version: a strong validator over every field above, so it
    // changes with any change, even two within one second (docs/scheduling.md §9.5).
    QString etag() const;
};

// The card after an answer, with the id that takes the answer back (undolog.h).
struct AnsweredCard : CardRecord
{
    qint64 undoId = 0;
};

struct NewCard
{
    QString front;
    QString back;
    qint64 deckId = 0;
    QStringList tags;
    QString guid; // empty: a random one; idempotent adds derive it from their key
};

struct CardEdit
{
    QString front;
    QString back;
    std::optional<qint64> deckId;
    std::optional<QStringList> tags;
    std::optional<QString> expectedEtag; // refuse with stale_card unless the card still has this etag
};

struct CardQuery
{
    std::optional<qint64> deckId; // the deck and its children
    QString search; // the search syntax of docs/api.md §5 (cardsearch.h)
    int limit = 50;
    int offset = 0;
};

struct CardPage
{
    QList<CardRecord> cards;
    qint64 total = 0;
};

struct ReviewCounts
{
    int newCount = 0;
    int learning = 0;
    int review = 0;
};

struct NextCard
{
    CardRecord card;
    std::array<qint64, 4> intervals {}; // seconds each ease would schedule
    ReviewCounts counts;
};

struct AnswerRequest
{
    qint64 cardId = 0;
    int ease = 0;
    qint64 timeTakenMs = 0;
    std::optional<int> expectedReps; // refuse with already_answered unless reps still equals this
};

struct CollectionStats
{
    qint64 cards = 0;
    qint64 notes = 0;
    qint64 reviewsToday = 0;
    qint64 dueToday = 0;
    qint64 decks = 0;
    qint64 newCards = 0;
    qint64 learningCards = 0;
    qint64 reviewCards = 0;
    qint64 suspendedCards = 0;
};

} // namespace javumbo::collection
