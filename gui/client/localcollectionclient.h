#pragma once

#include "collectionclient.h"
#include "services/bulkeditservice.h"
#include "services/deckoptionsservice.h"
#include "services/insightsservice.h"

namespace javumbo {
class Backend;
}

namespace javumbo::gui {

// CollectionClient over the core services of the app's one Backend: the
// same lock registry as an embedded server, so studying while serving never
// races, and the same operations as the server's routes (undo kept in the
// collection, suspend, search, statistics), so both faces behave alike.
// Thread-safe like the services it calls.
class LocalCollectionClient final : public CollectionClient
{
public:
    LocalCollectionClient(Backend &backend, qint64 userId, QString profileName);

    qint64 userId() const override { return m_userId; }
    QString profileName() const override { return m_profileName; }
    qint64 nowSeconds() const override;

    Result<QList<collection::DeckSummary>> decks() override;
    Result<collection::DeckSummary> deck(qint64 deckId) override;
    Result<collection::DeckSummary> createDeck(const QString &name) override;
    Result<collection::DeckSummary> renameDeck(qint64 deckId, const QString &name) override;
    Result<void> deleteDeck(qint64 deckId) override;

    Result<collection::CardRecord> addCard(const collection::NewCard &card) override;
    Result<collection::CardRecord> card(qint64 cardId) override;
    Result<collection::CardPage> findCards(const collection::CardQuery &query) override;
    Result<collection::CardRecord> updateCard(qint64 cardId, const collection::CardEdit &edit) override;
    Result<void> deleteCard(qint64 cardId, std::optional<QString> expectedEtag) override;
    Result<collection::CardRecord> setSuspended(qint64 cardId, bool suspended) override;

    Result<std::optional<collection::NextCard>> nextCard(qint64 deckId) override;
    Result<collection::AnsweredCard> answer(const collection::AnswerRequest &request) override;
    Result<collection::CardRecord> undoAnswer(qint64 undoId) override;

    Result<collection::CollectionStats> stats() override;
    Result<collection::DayCounts> reviewsPerDay(int days) override;
    Result<collection::DayCounts> dueForecast(int days) override;

    Result<interop::ImportSummary> importFile(
        const QString &path, std::optional<qint64> deckId, const interop::ProgressSink &progress) override;
    Result<std::pair<interop::ImportSummary, QString>> replaceCollection(
        const QString &path, const interop::ProgressSink &progress) override;
    Result<interop::PackageExportResult> exportFile(const QString &path, bool csv,
        const interop::PackageExportOptions &options, const interop::ProgressSink &progress) override;

    Result<collection::OptionsPreset> deckOptions(qint64 deckId) override;
    Result<QList<collection::OptionsPreset>> optionPresets() override;
    Result<collection::OptionsPreset> saveOptionPreset(
        qint64 presetId, const scheduling::DeckConfig &config, const std::optional<QString> &name) override;
    Result<collection::OptionsPreset> useOptionPreset(qint64 deckId, qint64 presetId) override;
    Result<collection::OptionsPreset> addOptionPreset(
        qint64 deckId, const QString &name, const scheduling::DeckConfig &config) override;
    Result<void> removeOptionPreset(qint64 presetId) override;

    Result<collection::BulkResult> bulkEdit(const collection::BulkChange &change) override;
    Result<int> undoBulkEdit(const collection::BulkUndoRecord &record) override;

    Result<collection::CardInfo> cardInfo(qint64 cardId) override;
    Result<QStringList> tags() override;
    Result<QList<qint64>> duplicateFronts(qint64 deckId, const QString &front) override;
    Result<collection::DeckStatsReport> deckStats(std::optional<qint64> deckId, int days) override;
    QString mediaDirectory() const override;

private:
    Backend &m_backend;
    const qint64 m_userId;
    const QString m_profileName;
    DeckOptionsService m_options;
    BulkEditService m_bulk;
    InsightsService m_insights;
};

} // namespace javumbo::gui
