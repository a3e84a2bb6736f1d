// The operations the desktop app needs beyond the study routes (docs/api.md
// §3.2, §4.6–§4.8, §7.1.2), through RemoteCollectionClient: option presets,
// bulk edits with their undo, card info, tags, duplicate fronts, the
// statistics report and the server's clock, each equal to what
// LocalCollectionClient reads from the same SQLite file.
#include "client/errormessages.h"
#include "collection/deckoptionsjson.h"
#include "remotefixture.h"
#include "json/apijson.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::testsupport;

namespace {

QJsonObject json(const collection::OptionsPreset &preset)
{
    QJsonObject object = collection::deckoptions::toJson(preset);
    object.insert(u"deck_count"_s, preset.deckCount);
    return object;
}

QJsonArray json(const QList<collection::OptionsPreset> &presets)
{
    QJsonArray array;
    for (const auto &preset : presets)
        array.append(json(preset));
    return array;
}

QJsonObject json(const collection::CardInfo &info)
{
    QJsonArray reviews;
    for (const auto &review : info.reviews) {
        reviews.append(QJsonObject {{u"at"_s, review.answeredAtMs}, {u"ease"_s, review.ease},
            {u"type"_s, review.type}, {u"interval"_s, review.interval}, {u"last"_s, review.lastInterval},
            {u"factor"_s, review.factor}, {u"time"_s, review.timeMs}});
    }
    QJsonObject card = server::apijson::card(info.card);
    card.insert(u"etag"_s, info.card.etag());
    return QJsonObject {{u"card"_s, card}, {u"deck"_s, info.deckName}, {u"added"_s, info.addedAtMs},
        {u"total"_s, info.totalTimeMs}, {u"reviews"_s, reviews}};
}

QJsonObject json(const collection::DeckStatsReport &report)
{
    auto list = [](const auto &values) {
        QJsonArray array;
        for (qint64 value : values)
            array.append(value);
        return array;
    };
    return QJsonObject {{u"cards"_s, report.cards}, {u"new"_s, report.newCards},
        {u"learning"_s, report.learningCards}, {u"review"_s, report.reviewCards},
        {u"suspended"_s, report.suspendedCards}, {u"reviewsToday"_s, report.reviewsToday},
        {u"secondsToday"_s, report.secondsToday}, {u"reviews"_s, list(report.reviews)},
        {u"seconds"_s, list(report.studySeconds)}, {u"forecast"_s, list(report.forecast)},
        {u"learningButtons"_s, list(report.buttons.learning)}, {u"young"_s, list(report.buttons.young)},
        {u"mature"_s, list(report.buttons.mature)},
        {u"retention"_s,
            list(std::array {report.retention.youngPassed, report.retention.youngTotal,
                report.retention.maturePassed, report.retention.matureTotal})}};
}

template<typename T>
T take(Result<T> result)
{
    if (!result)
        qFatal("unexpected error %s: %s", qPrintable(errorCodeName(result.code())),
            qPrintable(result.error().message));
    return std::move(result).value();
}

collection::NewCard newCard(const QString &front, qint64 deckId)
{
    return collection::NewCard {front, front + u" back"_s, deckId, {}, {}};
}

} // namespace

class TestRemoteDesktopReads : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { m_fixture = std::make_unique<RemoteFixture>(); }
    void cleanup() { m_fixture.reset(); }

    void nowSeconds_isTheServersClock()
    {
        QVERIFY(m_fixture->remote().decks()); // connects
        // The server's pinned clock (2024), not this computer's.
        QVERIFY(qAbs(m_fixture->remote().nowSeconds() - m_fixture->clock.nowSeconds()) <= 2);
    }

    void optionPresets_matchTheCollection()
    {
        auto &remote = m_fixture->remote();
        auto &local = m_fixture->local();
        const auto deck = take(remote.createDeck(u"Hard"_s));
        QCOMPARE(json(take(remote.deckOptions(deck.id))), json(take(local.deckOptions(deck.id))));

        scheduling::DeckConfig config = take(remote.deckOptions(deck.id)).config;
        config.newPerDay = 5;
        const auto added = take(remote.addOptionPreset(deck.id, u"Slow"_s, config));
        QCOMPARE(added.name, u"Slow"_s);
        QCOMPARE(added.config.newPerDay, 5);
        QCOMPARE(json(take(remote.deckOptions(deck.id))), json(take(local.deckOptions(deck.id))));
        QCOMPARE(json(take(remote.optionPresets())), json(take(local.optionPresets())));

        config.newPerDay = 7;
        const auto saved = take(remote.saveOptionPreset(added.id, config, u"Slower"_s));
        QCOMPARE(saved.config.newPerDay, 7);
        QCOMPARE(json(saved), json(take(local.deckOptions(deck.id))));

        QCOMPARE(take(remote.useOptionPreset(deck.id, 1)).id, 1);
        QCOMPARE(take(local.deckOptions(deck.id)).id, 1);
        QVERIFY(remote.removeOptionPreset(added.id));
        QCOMPARE(take(local.optionPresets()).size(), 1);
        const auto missing = remote.removeOptionPreset(added.id);
        QCOMPARE(missing.code(), local.removeOptionPreset(added.id).code());
        QCOMPARE(gui::errorMessage(missing.error()),
            gui::errorMessage(local.removeOptionPreset(added.id).error()));

        config.newPerDay = 100000; // outside Anki's range
        QCOMPARE(remote.saveOptionPreset(1, config, std::nullopt).code(), ErrorCode::InvalidOptions);
    }

    void bulkEdit_andItsUndo()
    {
        auto &remote = m_fixture->remote();
        auto &local = m_fixture->local();
        const auto first = take(remote.addCard(newCard(u"one"_s, 1)));
        const auto second = take(remote.addCard(newCard(u"two"_s, 1)));
        collection::BulkChange change;
        change.kind = collection::BulkChange::Kind::AddTags;
        change.cardIds = {first.cardId, second.cardId};
        change.tags = {u"bulk"_s};
        const auto tagged = take(remote.bulkEdit(change));
        QCOMPARE(tagged.changed, 2);
        QVERIFY(!tagged.undo.isEmpty());
        QCOMPARE(take(local.card(first.cardId)).tags, QStringList {u"bulk"_s});

        change.kind = collection::BulkChange::Kind::Flag;
        change.flag = 2;
        const auto flagged = take(remote.bulkEdit(change));
        QCOMPARE(take(remote.card(second.cardId)).flags, 2); // and its etag matched the server's
        QCOMPARE(take(remote.undoBulkEdit(flagged.undo)), 2);
        QCOMPARE(take(local.card(second.cardId)).flags, 0);
        QCOMPARE(take(remote.undoBulkEdit(tagged.undo)), 2);
        QVERIFY(take(local.card(first.cardId)).tags.isEmpty());
        QCOMPARE(remote.undoBulkEdit(tagged.undo).code(), ErrorCode::NothingToUndo);

        change.kind = collection::BulkChange::Kind::Delete;
        take(remote.bulkEdit(change));
        QCOMPARE(m_fixture->cardsInFile(), 0);
    }

    void cardInfo_tagsAndDuplicates_matchTheCollection()
    {
        auto &remote = m_fixture->remote();
        auto &local = m_fixture->local();
        const auto deck = take(remote.createDeck(u"Info"_s));
        auto card = newCard(u"<b>perro</b>"_s, deck.id);
        card.tags = {u"animals"_s, u"es::nouns"_s};
        const auto added = take(remote.addCard(card));
        const auto next = take(remote.nextCard(deck.id));
        take(remote.answer({next->card.cardId, 3, 5000, next->card.state.reps}));

        const auto info = take(remote.cardInfo(added.cardId));
        QCOMPARE(info.reviews.size(), 1);
        QCOMPARE(info.deckName, u"Info"_s);
        QCOMPARE(json(info), json(take(local.cardInfo(added.cardId))));
        QCOMPARE(remote.cardInfo(42).code(), ErrorCode::CardNotFound);

        QCOMPARE(take(remote.tags()), take(local.tags()));
        QCOMPARE(take(remote.tags()), (QStringList {u"animals"_s, u"es::nouns"_s}));
        QCOMPARE(take(remote.duplicateFronts(deck.id, u"perro"_s)),
            take(local.duplicateFronts(deck.id, u"perro"_s)));
        QCOMPARE(take(remote.duplicateFronts(deck.id, u"perro"_s)), QList<qint64> {added.noteId});
        QVERIFY(take(remote.duplicateFronts(1, u"perro"_s)).isEmpty());
    }

    void deckStats_matchTheCollection()
    {
        auto &remote = m_fixture->remote();
        auto &local = m_fixture->local();
        const auto deck = take(remote.createDeck(u"Stats"_s));
        take(remote.addCard(newCard(u"uno"_s, deck.id)));
        take(remote.addCard(newCard(u"dos"_s, 1)));
        const auto next = take(remote.nextCard(deck.id));
        take(remote.answer({next->card.cardId, 1, 3000, std::nullopt}));

        const auto report = take(remote.deckStats(deck.id, 7));
        QCOMPARE(report.cards, 1);
        QCOMPARE(report.reviewsToday, 1);
        QCOMPARE(report.buttons.learning[0], 1);
        QCOMPARE(json(report), json(take(local.deckStats(deck.id, 7))));
        QCOMPARE(
            json(take(remote.deckStats(std::nullopt, 30))), json(take(local.deckStats(std::nullopt, 30))));
    }

private:
    std::unique_ptr<RemoteFixture> m_fixture;
};

QTEST_GUILESS_MAIN(TestRemoteDesktopReads)
#include "tst_remotedesktopreads.moc"
