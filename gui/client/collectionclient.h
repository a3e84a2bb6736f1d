#pragma once

#include "common/result.h"
#include "storage/answerundo.h"
#include "storage/records.h"
#include "storage/studystats.h"

#include <optional>

namespace javumbo::gui {

// What the views may ask of one profile's collection (ARCHITECTURE.md §5).
// Views never run SQL: a local implementation calls core services over the
// shared Backend, a remote one may later speak the HTTP API. Calls block, so
// views make them through ClientWorker, never on the UI thread.
class CollectionClient
{
public:
    virtual ~CollectionClient() = default;

    virtual qint64 userId() const = 0;
    virtual QString profileName() const = 0;

    // Decks
    virtual Result<QList<storage::DeckSummary>> decks() = 0;
    virtual Result<storage::DeckSummary> createDeck(const QString &name) = 0;
    virtual Result<storage::DeckSummary> renameDeck(qint64 deckId, const QString &name) = 0;
    virtual Result<void> deleteDeck(qint64 deckId) = 0;

    // Cards
    virtual Result<storage::CardRecord> addCard(const storage::NewCard &card) = 0;
    virtual Result<storage::CardRecord> card(qint64 cardId) = 0;
    virtual Result<storage::CardPage> findCards(const storage::CardQuery &query) = 0;
    // StaleCard when edit.expectedMod no longer matches: someone else changed the card.
    virtual Result<storage::CardRecord> updateCard(qint64 cardId, const storage::CardEdit &edit) = 0;
    virtual Result<void> deleteCard(qint64 cardId, std::optional<qint64> expectedMod) = 0;
    virtual Result<storage::CardRecord> setSuspended(qint64 cardId, bool suspended) = 0;

    // Review
    virtual Result<std::optional<storage::NextCard>> nextCard(qint64 deckId) = 0;
    virtual Result<storage::UndoableAnswer> answer(const storage::AnswerRequest &request) = 0;
    virtual Result<storage::CardRecord> undoAnswer(const storage::AnswerUndoRecord &record) = 0;

    // Statistics
    virtual Result<storage::CollectionStats> stats() = 0;
    virtual Result<storage::DayCounts> reviewsPerDay(int days) = 0;
    virtual Result<storage::DayCounts> dueForecast(int days) = 0;
    virtual Result<std::optional<qint64>> nextDueAt(qint64 deckId) = 0;
};

} // namespace javumbo::gui
