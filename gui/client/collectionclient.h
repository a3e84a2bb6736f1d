#pragma once

#include "collection/bulkedit.h"
#include "collection/cardinfo.h"
#include "collection/deckoptions.h"
#include "collection/deckstats.h"
#include "collection/records.h"
#include "collection/studystats.h"
#include "common/result.h"
#include "interop/importsummary.h"
#include "interop/interopprogress.h"
#include "interop/packageexporter.h"

#include <optional>

namespace javumbo::gui {

// What the views may ask of one profile's collection (docs/architecture.md §5).
// Views never run SQL: a local implementation calls core services over the
// shared Backend, a remote one may later speak the HTTP API. Calls block, so
// views make them through ClientWorker, never on the UI thread.
class CollectionClient
{
public:
    virtual ~CollectionClient() = default;

    virtual qint64 userId() const = 0;
    virtual QString profileName() const = 0;
    // The collection's time (its Backend's clock, which tests pin), for
    // saying how far away a due time is.
    virtual qint64 nowSeconds() const = 0;

    // Decks
    virtual Result<QList<collection::DeckSummary>> decks() = 0;
    virtual Result<collection::DeckSummary> deck(qint64 deckId) = 0;
    virtual Result<collection::DeckSummary> createDeck(const QString &name) = 0;
    virtual Result<collection::DeckSummary> renameDeck(qint64 deckId, const QString &name) = 0;
    virtual Result<void> deleteDeck(qint64 deckId) = 0;

    // Cards
    virtual Result<collection::CardRecord> addCard(const collection::NewCard &card) = 0;
    virtual Result<collection::CardRecord> card(qint64 cardId) = 0;
    virtual Result<collection::CardPage> findCards(const collection::CardQuery &query) = 0;
    // StaleCard when edit.expectedEtag no longer matches: someone else changed the card.
    virtual Result<collection::CardRecord> updateCard(qint64 cardId, const collection::CardEdit &edit) = 0;
    virtual Result<void> deleteCard(qint64 cardId, std::optional<QString> expectedEtag) = 0;
    virtual Result<collection::CardRecord> setSuspended(qint64 cardId, bool suspended) = 0;

    // Review
    virtual Result<std::optional<collection::NextCard>> nextCard(qint64 deckId) = 0;
    // The answer's undo id takes it back later (the collection keeps the last
    // answers, collection/undolog.h): NothingToUndo when it is no longer kept,
    // StaleCard when the card changed since.
    virtual Result<collection::AnsweredCard> answer(const collection::AnswerRequest &request) = 0;
    virtual Result<collection::CardRecord> undoAnswer(qint64 undoId) = 0;

    // Statistics
    virtual Result<collection::CollectionStats> stats() = 0;
    virtual Result<collection::DayCounts> reviewsPerDay(int days) = 0;
    virtual Result<collection::DayCounts> dueForecast(int days) = 0;
    // Import and export (docs/scheduling.md §11); `progress` is called on the worker thread.
    // An .apkg or a CSV/TSV file merges into the collection (`deckId`: where it goes).
    virtual Result<interop::ImportSummary> importFile(
        const QString &path, std::optional<qint64> deckId, const interop::ProgressSink &progress)
        = 0;
    // A .colpkg replaces the collection after a backup; returns the summary and the backup's path.
    virtual Result<std::pair<interop::ImportSummary, QString>> replaceCollection(
        const QString &path, const interop::ProgressSink &progress)
        = 0;
    // `csv`: Anki's text file; otherwise a package as `options` say.
    virtual Result<interop::PackageExportResult> exportFile(const QString &path, bool csv,
        const interop::PackageExportOptions &options, const interop::ProgressSink &progress)
        = 0;

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
