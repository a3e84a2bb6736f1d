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
    qint64 mod = 0; // the card's version: strictly increases on every change
    QString etag() const;
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
    std::optional<qint64> expectedMod; // refuse with stale_card unless the card still has this version
};

struct CardQuery
{
    std::optional<qint64> deckId; // the deck and its children
    QString search; // text, deck:, tag:, is:due, is:new, is:suspended, -negation
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
