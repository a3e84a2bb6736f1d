#pragma once

#include "client/collectionclient.h"

#include <memory>

namespace javumbo::gui {

class RemoteMediaCache;
class RemoteSession;
struct RemoteRequest;
struct RemoteReply;

// CollectionClient over the HTTP API of a class server (docs/api.md), so every
// view works unchanged on a remote profile. Each method is one or a few
// requests through the session, which owns the retries, the offline state
// and the 401 sign-in (remotesession.h); errors carry the same codes as the
// local client's, so views show the same sentences (errormessages.h).
// Blocking and thread-safe like the session; never call it on the UI thread.
class RemoteCollectionClient final : public CollectionClient
{
public:
    // `profileName`: what the profile menu shows; empty: the endpoint's username.
    explicit RemoteCollectionClient(std::shared_ptr<RemoteSession> session, QString profileName = {});
    ~RemoteCollectionClient() override;

    RemoteSession &session() const { return *m_session; }

    qint64 userId() const override;
    QString profileName() const override { return m_profileName; }
    // The server's clock (remotesession.h), not this computer's.
    qint64 nowSeconds() const override;

    Result<QList<collection::DeckSummary>> decks() override;
    Result<collection::DeckSummary> deck(qint64 deckId) override;
    Result<collection::DeckSummary> createDeck(const QString &name) override;
    Result<collection::DeckSummary> renameDeck(qint64 deckId, const QString &name) override;
    Result<void> deleteDeck(qint64 deckId) override;

    // Each add carries a new Idempotency-Key, the same on every retry of it.
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
    // A cache of the server's media (GET /media), filled with what a card
    // refers to before card(), nextCard(), findCards() and cardInfo() return it.
    QString mediaDirectory() const override;

private:
    // Through the session, after its first connectToServer().
    Result<RemoteReply> send(const RemoteRequest &request);
    void fetchMedia(const QList<collection::CardRecord> &cards);

    std::shared_ptr<RemoteSession> m_session;
    QString m_profileName;
    std::unique_ptr<RemoteMediaCache> m_media;
};

} // namespace javumbo::gui
