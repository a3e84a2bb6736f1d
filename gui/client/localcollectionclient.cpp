#include "localcollectionclient.h"

#include "services/backend.h"
#include "services/interopservice.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

LocalCollectionClient::LocalCollectionClient(Backend &backend, qint64 userId, QString profileName)
    : m_backend(backend)
    , m_userId(userId)
    , m_profileName(std::move(profileName))
    , m_options(backend.context())
    , m_bulk(backend.context())
    , m_insights(backend.context())
{ }

qint64 LocalCollectionClient::nowSeconds() const
{
    return m_backend.clock().nowSeconds();
}

Result<QList<collection::DeckSummary>> LocalCollectionClient::decks()
{
    // Yesterday's buried cards come back with the new day, before anything counts them (Anki does so too).
    if (auto unburied = m_bulk.unburyIfNewDay(m_userId); !unburied)
        return unburied.error();
    return m_backend.decks().list(m_userId);
}

Result<collection::DeckSummary> LocalCollectionClient::deck(qint64 deckId)
{
    return m_backend.decks().get(m_userId, deckId);
}

Result<collection::DeckSummary> LocalCollectionClient::createDeck(const QString &name)
{
    return m_backend.decks().create(m_userId, name);
}

Result<collection::DeckSummary> LocalCollectionClient::renameDeck(qint64 deckId, const QString &name)
{
    return m_backend.decks().rename(m_userId, deckId, name);
}

Result<void> LocalCollectionClient::deleteDeck(qint64 deckId)
{
    return m_backend.decks().remove(m_userId, deckId);
}

Result<collection::CardRecord> LocalCollectionClient::addCard(const collection::NewCard &card)
{
    return m_backend.cards().add(m_userId, card);
}

Result<collection::CardRecord> LocalCollectionClient::card(qint64 cardId)
{
    return m_backend.cards().get(m_userId, cardId);
}

Result<collection::CardPage> LocalCollectionClient::findCards(const collection::CardQuery &query)
{
    return m_backend.cards().find(m_userId, query);
}

Result<collection::CardRecord> LocalCollectionClient::updateCard(
    qint64 cardId, const collection::CardEdit &edit)
{
    return m_backend.cards().update(m_userId, cardId, edit);
}

Result<void> LocalCollectionClient::deleteCard(qint64 cardId, std::optional<QString> expectedEtag)
{
    return m_backend.cards().remove(m_userId, cardId, expectedEtag);
}

Result<collection::CardRecord> LocalCollectionClient::setSuspended(qint64 cardId, bool suspended)
{
    return m_backend.cards().setSuspended(m_userId, cardId, suspended);
}

Result<std::optional<collection::NextCard>> LocalCollectionClient::nextCard(qint64 deckId)
{
    if (auto unburied = m_bulk.unburyIfNewDay(m_userId); !unburied)
        return unburied.error();
    return m_backend.reviews().next(m_userId, deckId);
}

Result<collection::AnsweredCard> LocalCollectionClient::answer(const collection::AnswerRequest &request)
{
    return m_backend.reviews().answer(m_userId, request);
}

Result<collection::CardRecord> LocalCollectionClient::undoAnswer(qint64 undoId)
{
    return m_backend.reviews().undo(m_userId, undoId);
}

Result<collection::CollectionStats> LocalCollectionClient::stats()
{
    return m_backend.stats().overview(m_userId);
}

Result<collection::DayCounts> LocalCollectionClient::reviewsPerDay(int days)
{
    return m_backend.stats().reviewsPerDay(m_userId, days);
}

Result<collection::DayCounts> LocalCollectionClient::dueForecast(int days)
{
    return m_backend.stats().dueForecast(m_userId, days);
}

Result<interop::ImportSummary> LocalCollectionClient::importFile(
    const QString &path, std::optional<qint64> deckId, const interop::ProgressSink &progress)
{
    const InteropService service(m_backend.context());
    interop::ImportOptions options;
    options.deckId = deckId;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(
            ErrorCode::StorageUnavailable, u"cannot read %1: %2"_s.arg(path, file.errorString()));
    const bool package = file.peek(4) == QByteArrayLiteral("PK\x03\x04");
    if (package)
        return service.importPackage(m_userId, PackageSource {path, {}}, options, progress);
    return service.importText(m_userId, file.readAll(), options, progress);
}

Result<std::pair<interop::ImportSummary, QString>> LocalCollectionClient::replaceCollection(
    const QString &path, const interop::ProgressSink &progress)
{
    auto replaced
        = InteropService(m_backend.context()).replaceCollection(m_userId, PackageSource {path, {}}, progress);
    if (!replaced)
        return replaced.error();
    return std::pair {replaced->summary, replaced->backupPath};
}

Result<interop::PackageExportResult> LocalCollectionClient::exportFile(const QString &path, bool csv,
    const interop::PackageExportOptions &options, const interop::ProgressSink &progress)
{
    const InteropService service(m_backend.context());
    if (!csv)
        return service.exportPackage(m_userId, options, path, progress);
    auto text = service.exportText(m_userId, options.deckId);
    if (!text)
        return text.error();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.value()) != text->size() || !file.commit())
        return makeError(
            ErrorCode::StorageUnavailable, u"cannot write %1: %2"_s.arg(path, file.errorString()));
    interop::PackageExportResult result;
    result.notes = text->count('\n') - 6; // the six header lines
    return result;
}

Result<collection::OptionsPreset> LocalCollectionClient::deckOptions(qint64 deckId)
{
    return m_options.forDeck(m_userId, deckId);
}

Result<QList<collection::OptionsPreset>> LocalCollectionClient::optionPresets()
{
    return m_options.presets(m_userId);
}

Result<collection::OptionsPreset> LocalCollectionClient::saveOptionPreset(
    qint64 presetId, const scheduling::DeckConfig &config, const std::optional<QString> &name)
{
    return m_options.updatePreset(m_userId, presetId, config, name);
}

Result<collection::OptionsPreset> LocalCollectionClient::useOptionPreset(qint64 deckId, qint64 presetId)
{
    return m_options.assign(m_userId, deckId, presetId);
}

Result<collection::OptionsPreset> LocalCollectionClient::addOptionPreset(
    qint64 deckId, const QString &name, const scheduling::DeckConfig &config)
{
    return m_options.addPreset(m_userId, deckId, name, config);
}

Result<void> LocalCollectionClient::removeOptionPreset(qint64 presetId)
{
    return m_options.removePreset(m_userId, presetId);
}

Result<collection::BulkResult> LocalCollectionClient::bulkEdit(const collection::BulkChange &change)
{
    return m_bulk.apply(m_userId, change);
}

Result<int> LocalCollectionClient::undoBulkEdit(const collection::BulkUndoRecord &record)
{
    return m_bulk.undo(m_userId, record);
}

Result<collection::CardInfo> LocalCollectionClient::cardInfo(qint64 cardId)
{
    return m_insights.cardInfo(m_userId, cardId);
}

Result<QStringList> LocalCollectionClient::tags()
{
    return m_insights.tags(m_userId);
}

Result<QList<qint64>> LocalCollectionClient::duplicateFronts(qint64 deckId, const QString &front)
{
    return m_insights.duplicateFronts(m_userId, deckId, front);
}

Result<collection::DeckStatsReport> LocalCollectionClient::deckStats(std::optional<qint64> deckId, int days)
{
    return m_insights.deckStats(m_userId, deckId, days);
}

QString LocalCollectionClient::mediaDirectory() const
{
    // Beside the collection, as Anki keeps collection.media beside collection.anki2 (docs/scheduling.md
    // §11.2).
    return m_backend.context().collectionPath(m_userId).chopped(3) + u".media"_s;
}

} // namespace javumbo::gui
