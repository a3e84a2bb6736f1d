#pragma once

#include "collection/answerundo.h"
#include "collection/bulkedit.h"
#include "collection/cardinfo.h"
#include "collection/deckoptions.h"
#include "collection/deckstats.h"
#include "collection/records.h"
#include "collection/studystats.h"
#include "common/result.h"

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
    virtual Result<QList<collection::DeckSummary>> decks() = 0;
    virtual Result<collection::DeckSummary> createDeck(const QString &name) = 0;
    virtual Result<collection::DeckSummary> renameDeck(qint64 deckId, const QString &name) = 0;
    virtual Result<void> deleteDeck(qint64 deckId) = 0;

    // Cards
    virtual Result<collection::CardRecord> addCard(const collection::NewCard &card) = 0;
    virtual Result<collection::CardRecord> card(qint64 cardId) = 0;
    virtual Result<collection::CardPage> findCards(const collection::CardQuery &query) = 0;
    // StaleCard when edit.expectedMod no longer matches: someone else changed the card.
    virtual Result<collection::CardRecord> updateCard(qint64 cardId, const collection::CardEdit &edit) = 0;
    virtual Result<void> deleteCard(qint64 cardId, std::optional<qint64> expectedMod) = 0;
    virtual Result<collection::CardRecord> setSuspended(qint64 cardId, bool suspended) = 0;

    // Review
    virtual Result<std::optional<collection::NextCard>> nextCard(qint64 deckId) = 0;
    virtual Result<collection::UndoableAnswer> answer(const collection::AnswerRequest &request) = 0;
    virtual Result<collection::CardRecord> undoAnswer(const collection::AnswerUndoRecord &record) = 0;

    // Statistics
    virtual Result<collection::CollectionStats> stats() = 0;
    virtual Result<collection::DayCounts> reviewsPerDay(int days) = 0;
    virtual Result<collection::DayCounts> dueForecast(int days) = 0;
    virtual Result<std::optional<qint64>> nextDueAt(qint64 deckId) = 0;

    // Deck options (docs/scheduling.md §2): presets shared between decks
    virtual Result<collection::OptionsPreset> deckOptions(qint64 deckId) = 0;
    virtual Result<QList<collection::OptionsPreset>> optionPresets() = 0;
    // The preset takes `config` (and `name` when given): every deck sharing it follows.
    virtual Result<collection::OptionsPreset> saveOptionPreset(
        qint64 presetId, const scheduling::DeckConfig &config, const std::optional<QString> &name)
        = 0;
    virtual Result<collection::OptionsPreset> useOptionPreset(qint64 deckId, qint64 presetId) = 0;
    virtual Result<collection::OptionsPreset> addOptionPreset(
        qint64 deckId, const QString &name, const scheduling::DeckConfig &config)
        = 0;
    virtual Result<void> removeOptionPreset(qint64 presetId) = 0;

    // Many cards at once (the browser; bury and flag while reviewing), each undone in one step
    virtual Result<collection::BulkResult> bulkEdit(const collection::BulkChange &change) = 0;
    virtual Result<int> undoBulkEdit(const collection::BulkUndoRecord &record) = 0;

    // Reads for the browser, the add window and statistics
    virtual Result<collection::CardInfo> cardInfo(qint64 cardId) = 0;
    virtual Result<QStringList> tags() = 0;
    virtual Result<QList<qint64>> duplicateFronts(qint64 deckId, const QString &front) = 0;
    virtual Result<collection::DeckStatsReport> deckStats(std::optional<qint64> deckId, int days) = 0;
    // The folder the cards' images come from (docs/scheduling.md §11.2); empty when there is none.
    virtual QString mediaDirectory() const = 0;
};

} // namespace javumbo::gui
