#pragma once

#include "collectionclient.h"
#include "services/reviewundo.h"
#include "services/statsservice.h"

namespace javumbo {
class Backend;
}

namespace javumbo::gui {

// CollectionClient over the core services of the app's one Backend: the
// same lock registry as an embedded server, so studying while serving never
// races. Thread-safe like the services it calls.
class LocalCollectionClient final : public CollectionClient
{
public:
    LocalCollectionClient(Backend &backend, qint64 userId, QString profileName);

    qint64 userId() const override { return m_userId; }
    QString profileName() const override { return m_profileName; }

    Result<QList<storage::DeckSummary>> decks() override;
    Result<storage::DeckSummary> createDeck(const QString &name) override;
    Result<storage::DeckSummary> renameDeck(qint64 deckId, const QString &name) override;
    Result<void> deleteDeck(qint64 deckId) override;

    Result<storage::CardRecord> addCard(const storage::NewCard &card) override;
    Result<storage::CardRecord> card(qint64 cardId) override;
    Result<storage::CardPage> findCards(const storage::CardQuery &query) override;
    Result<storage::CardRecord> updateCard(qint64 cardId, const storage::CardEdit &edit) override;
    Result<void> deleteCard(qint64 cardId, std::optional<qint64> expectedMod) override;
    Result<storage::CardRecord> setSuspended(qint64 cardId, bool suspended) override;

    Result<std::optional<storage::NextCard>> nextCard(qint64 deckId) override;
    Result<storage::UndoableAnswer> answer(const storage::AnswerRequest &request) override;
    Result<storage::CardRecord> undoAnswer(const storage::AnswerUndoRecord &record) override;

    Result<storage::CollectionStats> stats() override;
    Result<storage::DayCounts> reviewsPerDay(int days) override;
    Result<storage::DayCounts> dueForecast(int days) override;
    Result<std::optional<qint64>> nextDueAt(qint64 deckId) override;

private:
    Backend &m_backend;
    const qint64 m_userId;
    const QString m_profileName;
    ReviewUndo m_undo;
    StatsService m_stats;
};

} // namespace javumbo::gui
