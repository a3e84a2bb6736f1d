#include "remotecollectionclient.h"

#include "bulkjson.h"
#include "cardinfojson.h"
#include "cardjson.h"
#include "deckjson.h"
#include "jsonfields.h"
#include "presetjson.h"
#include "remoteinterop.h"
#include "remotemediacache.h"
#include "remoterequest.h"
#include "remotesession.h"
#include "reviewjson.h"
#include "statsjson.h"

#include <QJsonArray>
#include <QUrl>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

namespace {

QString number(qint64 value)
{
    return QString::number(value);
}

// A query parameter, percent-encoded whole: the server reads `+` as a space (docs/api.md §5).
QString param(QStringView name, const QString &value)
{
    return name + u'=' + QString::fromLatin1(QUrl::toPercentEncoding(value));
}

RemoteRequest request(QByteArray method, QString path, const QJsonObject &body = {})
{
    RemoteRequest request;
    request.method = std::move(method);
    request.path = std::move(path);
    request.repeatable = request.method == "GET";
    if (!body.isEmpty())
        request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return request;
}

RemoteRequest ifMatch(RemoteRequest request, const std::optional<QString> &etag)
{
    if (etag)
        request.headers.append({"If-Match", etag->toLatin1()});
    return request;
}

// The reply's JSON object handed to `reader`.
template<typename Reader>
auto readObject(const Result<RemoteReply> &reply, Reader reader) -> decltype(reader(QJsonObject()))
{
    if (!reply)
        return reply.error();
    auto object = jsonObject(reply->body, u"object"_s);
    if (!object)
        return object.error();
    return reader(object.value());
}

template<typename Reader>
auto readArray(const Result<RemoteReply> &reply, Reader reader) -> decltype(reader(QJsonArray()))
{
    if (!reply)
        return reply.error();
    auto array = jsonArray(reply->body, u"objects"_s);
    if (!array)
        return array.error();
    return reader(array.value());
}

Result<void> done(const Result<RemoteReply> &reply)
{
    if (!reply)
        return reply.error();
    return {};
}

} // namespace

RemoteCollectionClient::RemoteCollectionClient(std::shared_ptr<RemoteSession> session, QString profileName)
    : m_session(std::move(session))
    , m_profileName(profileName.isEmpty() ? m_session->endpoint().username : std::move(profileName))
    , m_media(
          std::make_unique<RemoteMediaCache>(m_session->endpoint().serverUrl, m_session->endpoint().username))
{ }

RemoteCollectionClient::~RemoteCollectionClient() = default;

qint64 RemoteCollectionClient::userId() const
{
    return m_session->userId();
}

qint64 RemoteCollectionClient::nowSeconds() const
{
    return m_session->nowSeconds();
}

Result<RemoteReply> RemoteCollectionClient::send(const RemoteRequest &request)
{
    // The version check and the user id come first, once per session.
    if (!m_session->isConnected()) {
        if (auto connected = m_session->connectToServer(); !connected)
            return connected.error();
    }
    return m_session->send(request);
}

QString RemoteCollectionClient::mediaDirectory() const
{
    return m_media->directory();
}

void RemoteCollectionClient::fetchMedia(const QList<collection::CardRecord> &cards)
{
    m_media->fetchFor(cards, [this](const RemoteRequest &r) { return send(r); });
}

Result<QList<collection::DeckSummary>> RemoteCollectionClient::decks()
{
    return readArray(send(request("GET", u"/decks"_s)), deckjson::readList);
}

Result<collection::DeckSummary> RemoteCollectionClient::deck(qint64 deckId)
{
    return readObject(send(request("GET", u"/decks/"_s + number(deckId))), deckjson::read);
}

Result<collection::DeckSummary> RemoteCollectionClient::createDeck(const QString &name)
{
    // The answer is {"id","name"}; the counts come with the deck itself.
    auto created = readObject(send(request("POST", u"/decks"_s, {{u"name"_s, name}})), deckjson::readId);
    if (!created)
        return created.error();
    return deck(created.value());
}

Result<collection::DeckSummary> RemoteCollectionClient::renameDeck(qint64 deckId, const QString &name)
{
    auto renamed = readObject(
        send(request("PATCH", u"/decks/"_s + number(deckId), {{u"name"_s, name}})), deckjson::readId);
    if (!renamed)
        return renamed.error();
    return deck(renamed.value());
}

Result<void> RemoteCollectionClient::deleteDeck(qint64 deckId)
{
    return done(send(request("DELETE", u"/decks/"_s + number(deckId))));
}

Result<collection::CardRecord> RemoteCollectionClient::addCard(const collection::NewCard &card)
{
    RemoteRequest add = request("POST", u"/cards"_s, cardjson::newCardBody(card));
    // One key per add, the same on every retry of it: a lost reply never makes a second card (§4.5).
    add.headers.append({"Idempotency-Key", QUuid::createUuid().toByteArray(QUuid::WithoutBraces)});
    add.repeatable = true;
    return readObject(send(add), cardjson::read);
}

Result<collection::CardRecord> RemoteCollectionClient::card(qint64 cardId)
{
    auto card = readObject(send(request("GET", u"/cards/"_s + number(cardId))), cardjson::read);
    if (card)
        fetchMedia({card.value()});
    return card;
}

Result<collection::CardPage> RemoteCollectionClient::findCards(const collection::CardQuery &query)
{
    QStringList params {param(u"q", query.search), param(u"limit", number(query.limit)),
        param(u"offset", number(query.offset))};
    if (query.deckId)
        params.append(param(u"deck_id", number(*query.deckId)));
    auto page = readObject(send(request("GET", u"/cards?"_s + params.join(u'&'))), cardjson::readPage);
    if (page)
        fetchMedia(page->cards);
    return page;
}

Result<collection::CardRecord> RemoteCollectionClient::updateCard(
    qint64 cardId, const collection::CardEdit &edit)
{
    return readObject(send(ifMatch(request("PUT", u"/cards/"_s + number(cardId), cardjson::editBody(edit)),
                          edit.expectedEtag)),
        cardjson::read);
}

Result<void> RemoteCollectionClient::deleteCard(qint64 cardId, std::optional<QString> expectedEtag)
{
    return done(send(ifMatch(request("DELETE", u"/cards/"_s + number(cardId)), expectedEtag)));
}

Result<collection::CardRecord> RemoteCollectionClient::setSuspended(qint64 cardId, bool suspended)
{
    return readObject(
        send(request("PUT", u"/cards/%1/suspended"_s.arg(cardId), {{u"suspended"_s, suspended}})),
        cardjson::read);
}

Result<std::optional<collection::NextCard>> RemoteCollectionClient::nextCard(qint64 deckId)
{
    // Without a deck the server studies the session's current deck (docs/api.md §1.7).
    auto reply = send(request(
        "GET", deckId > 0 ? u"/review/next?"_s + param(u"deck_id", number(deckId)) : u"/review/next"_s));
    if (!reply)
        return reply.error();
    if (reply->status == 204)
        return std::optional<collection::NextCard>();
    auto next = readObject(reply, [](const QJsonObject &json) -> Result<std::optional<collection::NextCard>> {
        auto read = reviewjson::readNext(json);
        if (!read)
            return read.error();
        return std::optional(std::move(read).value());
    });
    if (next && next->has_value())
        fetchMedia({(*next)->card});
    return next;
}

Result<collection::AnsweredCard> RemoteCollectionClient::answer(const collection::AnswerRequest &answer)
{
    return readObject(
        send(request("POST", u"/review/answer"_s, reviewjson::answerBody(answer))), cardjson::readAnswered);
}

Result<collection::CardRecord> RemoteCollectionClient::undoAnswer(qint64 undoId)
{
    return readObject(send(request("POST", u"/review/undo"_s, {{u"undo_id"_s, undoId}})), cardjson::read);
}

Result<collection::CollectionStats> RemoteCollectionClient::stats()
{
    return readObject(send(request("GET", u"/stats"_s)), statsjson::readStats);
}

Result<collection::DayCounts> RemoteCollectionClient::reviewsPerDay(int days)
{
    return readObject(
        send(request("GET", u"/stats/reviews?"_s + param(u"days", number(days)))), statsjson::readDayCounts);
}

Result<collection::DayCounts> RemoteCollectionClient::dueForecast(int days)
{
    return readObject(
        send(request("GET", u"/stats/forecast?"_s + param(u"days", number(days)))), statsjson::readDayCounts);
}

Result<collection::OptionsPreset> RemoteCollectionClient::deckOptions(qint64 deckId)
{
    return readObject(send(request("GET", u"/decks/%1/options"_s.arg(deckId))), presetjson::read);
}

Result<QList<collection::OptionsPreset>> RemoteCollectionClient::optionPresets()
{
    return readArray(send(request("GET", u"/option-presets"_s)), presetjson::readList);
}

Result<collection::OptionsPreset> RemoteCollectionClient::saveOptionPreset(
    qint64 presetId, const scheduling::DeckConfig &config, const std::optional<QString> &name)
{
    return readObject(
        send(request("PUT", u"/option-presets/"_s + number(presetId), presetjson::body(config, name))),
        presetjson::read);
}

Result<collection::OptionsPreset> RemoteCollectionClient::useOptionPreset(qint64 deckId, qint64 presetId)
{
    return readObject(send(request("PUT", u"/decks/%1/preset"_s.arg(deckId), {{u"preset_id"_s, presetId}})),
        presetjson::read);
}

Result<collection::OptionsPreset> RemoteCollectionClient::addOptionPreset(
    qint64 deckId, const QString &name, const scheduling::DeckConfig &config)
{
    QJsonObject body = presetjson::body(config, name);
    body.insert(u"deck_id"_s, deckId);
    return readObject(send(request("POST", u"/option-presets"_s, body)), presetjson::read);
}

Result<void> RemoteCollectionClient::removeOptionPreset(qint64 presetId)
{
    return done(send(request("DELETE", u"/option-presets/"_s + number(presetId))));
}

Result<collection::BulkResult> RemoteCollectionClient::bulkEdit(const collection::BulkChange &change)
{
    return readObject(send(request("POST", u"/cards/bulk"_s, bulkjson::changeBody(change))),
        [&change](const QJsonObject &json) { return bulkjson::readResult(json, change.kind); });
}

Result<int> RemoteCollectionClient::undoBulkEdit(const collection::BulkUndoRecord &record)
{
    if (record.undoId == 0)
        return makeError(ErrorCode::NothingToUndo, u"that change left nothing to undo"_s);
    return readObject(send(request("POST", u"/cards/bulk/undo"_s, {{u"undo_id"_s, record.undoId}})),
        [](const QJsonObject &json) -> Result<int> {
            JsonFields fields(json, u"bulk undo"_s);
            const int restored = int(fields.integer(u"restored"));
            if (auto valid = fields.check(); !valid)
                return valid.error();
            return restored;
        });
}

Result<collection::CardInfo> RemoteCollectionClient::cardInfo(qint64 cardId)
{
    auto info = readObject(send(request("GET", u"/cards/%1/info"_s.arg(cardId))), cardinfojson::read);
    if (info)
        fetchMedia({info->card});
    return info;
}

Result<QStringList> RemoteCollectionClient::tags()
{
    return readObject(send(request("GET", u"/tags"_s)), [](const QJsonObject &json) -> Result<QStringList> {
        JsonFields fields(json, u"tag list"_s);
        const QStringList tags = fields.strings(u"tags");
        if (auto valid = fields.check(); !valid)
            return valid.error();
        return tags;
    });
}

Result<QList<qint64>> RemoteCollectionClient::duplicateFronts(qint64 deckId, const QString &front)
{
    // A POST because a front may be too long for a query string; it changes nothing, so it may go twice.
    RemoteRequest lookup
        = request("POST", u"/cards/duplicates"_s, {{u"deck_id"_s, deckId}, {u"front"_s, front}});
    lookup.repeatable = true;
    return readObject(send(lookup), [](const QJsonObject &json) -> Result<QList<qint64>> {
        JsonFields fields(json, u"duplicate list"_s);
        const QList<qint64> notes = fields.integers(u"note_ids");
        if (auto valid = fields.check(); !valid)
            return valid.error();
        return notes;
    });
}

Result<collection::DeckStatsReport> RemoteCollectionClient::deckStats(std::optional<qint64> deckId, int days)
{
    QString path = u"/stats/report?"_s + param(u"days", number(days));
    if (deckId)
        path += u'&' + param(u"deck_id", number(*deckId));
    return readObject(send(request("GET", path)), statsjson::readReport);
}

Result<interop::ImportSummary> RemoteCollectionClient::importFile(
    const QString &path, std::optional<qint64> deckId, const interop::ProgressSink &progress)
{
    return remoteinterop::importFile(
        [this](const RemoteRequest &r) { return send(r); }, path, deckId, progress);
}

Result<std::pair<interop::ImportSummary, QString>> RemoteCollectionClient::replaceCollection(
    const QString &path, const interop::ProgressSink &progress)
{
    return remoteinterop::replaceCollection(
        [this](const RemoteRequest &r) { return send(r); }, path, progress);
}

Result<interop::PackageExportResult> RemoteCollectionClient::exportFile(const QString &path, bool csv,
    const interop::PackageExportOptions &options, const interop::ProgressSink &progress)
{
    return remoteinterop::exportFile(
        [this](const RemoteRequest &r) { return send(r); }, path, csv, options, progress);
}

} // namespace javumbo::gui
