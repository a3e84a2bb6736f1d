// Every CollectionClient method of RemoteCollectionClient against a real
// server: what the remote client returns is what the local client reads from
// the same SQLite file, field by field, and errors carry the same codes and
// sentences.
#include "client/errormessages.h"
#include "interop/mediafolder.h"
#include "remotefixture.h"
#include "json/apijson.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::testsupport;
using collection::CardRecord;

namespace {

QJsonObject json(const CardRecord &card)
{
    QJsonObject object = server::apijson::card(card);
    object.insert(u"flags"_s, card.flags);
    object.insert(u"etag"_s, card.etag());
    return object;
}

QJsonArray json(const QList<collection::DeckSummary> &decks)
{
    QJsonArray array;
    for (const auto &deck : decks)
        array.append(server::apijson::deck(deck));
    return array;
}

template<typename T>
T take(Result<T> result)
{
    if (!result)
        qFatal("unexpected error %s: %s", qPrintable(errorCodeName(result.code())),
            qPrintable(result.error().message));
    return std::move(result).value();
}

collection::NewCard newCard(const QString &front, qint64 deckId, QStringList tags = {})
{
    return collection::NewCard {front, front + u" back"_s, deckId, std::move(tags), {}};
}

} // namespace

class TestRemoteClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { m_fixture = std::make_unique<RemoteFixture>(); }
    void cleanup() { m_fixture.reset(); }

    void identity_comesFromTheServer()
    {
        auto &remote = m_fixture->remote();
        QVERIFY(take(remote.decks()).size() >= 1); // connects first
        QCOMPARE(remote.userId(), m_fixture->userId());
        QCOMPARE(remote.profileName(), m_fixture->username());
    }

    void media_isFetchedBeforeTheCardIsShown()
    {
        auto &remote = m_fixture->remote();
        // A picture in the user's media folder on the server.
        const QDir serverMedia(interop::mediafolder::forCollection(m_fixture->collectionPath()));
        QVERIFY(serverMedia.mkpath(u"."_s));
        QImage picture(4, 3, QImage::Format_RGB32);
        picture.fill(Qt::red);
        QVERIFY(picture.save(serverMedia.filePath(u"cat.png"_s)));
        const auto added = take(remote.addCard(newCard(u"<img src=\"cat.png\"><img src=\"dog.png\">"_s, 1)));

        const QDir cache(remote.mediaDirectory());
        QVERIFY(!remote.mediaDirectory().isEmpty());
        QVERIFY(cache.path() != serverMedia.path());
        QVERIFY(!cache.exists(u"cat.png"_s));
        take(remote.card(added.cardId));
        QFile cached(cache.filePath(u"cat.png"_s));
        QFile original(serverMedia.filePath(u"cat.png"_s));
        QVERIFY(cached.open(QIODevice::ReadOnly) && original.open(QIODevice::ReadOnly));
        QCOMPARE(cached.readAll(), original.readAll());
        QVERIFY(!cache.exists(u"dog.png"_s)); // not on the server: no image, no error
        QVERIFY(take(remote.nextCard(1)).has_value());
    }

    void malformedAnswer_isAnErrorNotAZero()
    {
        auto &remote = m_fixture->remote();
        QVERIFY(remote.decks());
        const QByteArray body = R"([{"id":1,"name":"Default","card_count":"many"}])";
        m_fixture->proxy().answerOnce("GET /api/v1/decks ",
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        const auto decks = remote.decks();
        QCOMPARE(decks.code(), ErrorCode::Internal);
        QVERIFY2(decks.error().message.contains(u"\"card_count\""_s), qPrintable(decks.error().message));
        QVERIFY(remote.decks()); // the real server again
    }

    void decks_matchTheCollection()
    {
        auto &remote = m_fixture->remote();
        auto &local = m_fixture->local();
        const auto created = take(remote.createDeck(u"Spanish::Verbs"_s));
        QCOMPARE(created.name, u"Spanish::Verbs"_s);
        QCOMPARE(server::apijson::deck(created), server::apijson::deck(take(local.deck(created.id))));
        take(remote.addCard(newCard(u"hablar"_s, created.id)));
        QCOMPARE(json(take(remote.decks())), json(take(local.decks())));
        QCOMPARE(take(remote.deck(created.id)).cardCount, 1);

        const auto renamed = take(remote.renameDeck(created.id, u"Spanish::Regular verbs"_s));
        QCOMPARE(renamed.id, created.id);
        QCOMPARE(renamed.cardCount, 1);
        QCOMPARE(take(local.deck(created.id)).name, u"Spanish::Regular verbs"_s);

        QVERIFY(remote.deleteDeck(created.id));
        QCOMPARE(local.deck(created.id).code(), ErrorCode::DeckNotFound);
        QCOMPARE(remote.deck(created.id).code(), ErrorCode::DeckNotFound);
    }

    void errors_carryTheLocalCodesAndSentences()
    {
        auto &remote = m_fixture->remote();
        auto &local = m_fixture->local();
        take(remote.createDeck(u"Twice"_s));
        const auto remoteError = remote.createDeck(u"twice"_s);
        const auto localError = local.createDeck(u"twice"_s);
        QCOMPARE(remoteError.code(), ErrorCode::DeckExists);
        QCOMPARE(gui::errorMessage(remoteError.error()), gui::errorMessage(localError.error()));
        QCOMPARE(remote.deleteDeck(1).code(), ErrorCode::DefaultDeckProtected);
        QCOMPARE(
            gui::errorMessage(remote.deleteDeck(1).error()), gui::errorMessage(local.deleteDeck(1).error()));
        QCOMPARE(remote.card(42).code(), ErrorCode::CardNotFound);
        QCOMPARE(remote.findCards({std::nullopt, u"is:nonsense"_s, 50, 0}).code(), ErrorCode::InvalidQuery);
    }

    void cards_matchTheCollection()
    {
        auto &remote = m_fixture->remote();
        auto &local = m_fixture->local();
        const auto added = take(remote.addCard(newCard(u"a+b 100%"_s, 1, {u"math"_s, u"Σ::sum"_s})));
        QCOMPARE(added.front, u"a+b 100%"_s);
        QCOMPARE(added.tags, (QStringList {u"math"_s, u"Σ::sum"_s}));
        QCOMPARE(json(added), json(take(local.card(added.cardId))));
        QCOMPARE(json(take(remote.card(added.cardId))), json(added));
        take(remote.addCard(newCard(u"other"_s, 1)));

        // A search with a plus, a space and a percent sign goes through the query string intact.
        collection::CardQuery query {1, u"\"a+b 100%\""_s, 10, 0};
        const auto page = take(remote.findCards(query));
        QCOMPARE(page.total, 1);
        QCOMPARE(json(page.cards.value(0)), json(added));
        const auto all = take(remote.findCards({std::nullopt, QString(), 1, 1}));
        QCOMPARE(all.total, 2);
        QCOMPARE(all.cards.size(), 1);
        QCOMPARE(json(all.cards.value(0)),
            json(take(local.findCards({std::nullopt, QString(), 1, 1})).cards.value(0)));
    }

    void edits_carryIfMatch()
    {
        auto &remote = m_fixture->remote();
        auto &local = m_fixture->local();
        const auto added = take(remote.addCard(newCard(u"casa"_s, 1)));
        collection::CardEdit edit {
            u"casa"_s, u"house"_s, std::nullopt, QStringList {u"nouns"_s}, added.etag()};
        const auto edited = take(remote.updateCard(added.cardId, edit));
        QCOMPARE(edited.back, u"house"_s);
        QCOMPARE(json(edited), json(take(local.card(added.cardId))));

        // The first version's etag is stale now: refused, nothing changes, the local sentence.
        edit.back = u"home"_s;
        const auto stale = remote.updateCard(added.cardId, edit);
        QCOMPARE(stale.code(), ErrorCode::StaleCard);
        QCOMPARE(gui::errorMessage(stale.error()),
            gui::errorMessage(local.updateCard(added.cardId, edit).error()));
        QCOMPARE(take(local.card(added.cardId)).back, u"house"_s);

        const auto suspended = take(remote.setSuspended(added.cardId, true));
        QCOMPARE(suspended.state.queue, -1);
        QCOMPARE(json(suspended), json(take(local.card(added.cardId))));
        QCOMPARE(take(remote.setSuspended(added.cardId, false)).state.queue, 0);

        QCOMPARE(remote.deleteCard(added.cardId, added.etag()).code(), ErrorCode::StaleCard);
        QVERIFY(remote.deleteCard(added.cardId, take(local.card(added.cardId)).etag()));
        QCOMPARE(local.card(added.cardId).code(), ErrorCode::CardNotFound);
        QCOMPARE(m_fixture->cardsInFile(), 0);
    }

    void review_previewsAndCountsComeFromTheServer()
    {
        auto &remote = m_fixture->remote();
        auto &local = m_fixture->local();
        const auto deck = take(remote.createDeck(u"Study"_s));
        QVERIFY(!take(remote.nextCard(deck.id)).has_value());
        take(remote.addCard(newCard(u"uno"_s, deck.id)));
        take(remote.addCard(newCard(u"dos"_s, deck.id)));

        const auto next = take(remote.nextCard(deck.id));
        QVERIFY(next.has_value());
        const auto expected = take(local.nextCard(deck.id));
        QCOMPARE(server::apijson::nextCard(*next), server::apijson::nextCard(*expected));
        QCOMPARE(next->counts.newCount, 2);
        QCOMPARE(next->intervals[0], 60); // Again: the first learning step, 1 minute

        collection::AnswerRequest request {next->card.cardId, 3, 4000, next->card.state.reps};
        const auto answered = take(remote.answer(request));
        QVERIFY(answered.undoId != 0);
        QCOMPARE(answered.state.reps, 1);
        QCOMPARE(json(answered), json(take(local.card(answered.cardId))));
        // The same answer again (expected_reps is stale): refused, as locally.
        QCOMPARE(remote.answer(request).code(), ErrorCode::AlreadyAnswered);

        const auto undone = take(remote.undoAnswer(answered.undoId));
        QCOMPARE(undone.state, next->card.state);
        QCOMPARE(json(undone), json(take(local.card(answered.cardId))));
        QCOMPARE(remote.undoAnswer(answered.undoId).code(), ErrorCode::NothingToUndo);
    }

    void statistics_matchTheCollection()
    {
        auto &remote = m_fixture->remote();
        auto &local = m_fixture->local();
        const auto deck = take(remote.createDeck(u"Stats"_s));
        for (const QString &front : {u"one"_s, u"two"_s, u"three"_s})
            take(remote.addCard(newCard(front, deck.id)));
        const auto next = take(remote.nextCard(deck.id));
        take(remote.answer({next->card.cardId, 4, 2000, std::nullopt}));

        QCOMPARE(server::apijson::stats(take(remote.stats())), server::apijson::stats(take(local.stats())));
        QCOMPARE(take(remote.stats()).reviewsToday, 1);
        QCOMPARE(take(remote.reviewsPerDay(7)), take(local.reviewsPerDay(7)));
        QCOMPARE(take(remote.reviewsPerDay(7)).last(), 1);
        QCOMPARE(take(remote.dueForecast(30)), take(local.dueForecast(30)));
    }

    void interop_roundTripsThroughTheServer()
    {
        auto &remote = m_fixture->remote();
        const auto deck = take(remote.createDeck(u"Export"_s));
        take(remote.addCard(newCard(u"perro"_s, deck.id)));
        take(remote.addCard(newCard(u"gato"_s, deck.id)));
        QTemporaryDir dir;
        interop::PackageExportOptions options;
        options.deckId = deck.id;
        QCOMPARE(take(remote.exportFile(dir.filePath(u"export.txt"_s), true, options, {})).notes, 2);
        const QString package = dir.filePath(u"export.apkg"_s);
        const auto exported = take(remote.exportFile(package, false, options, {}));
        QCOMPARE(exported.notes, 2);
        QCOMPARE(exported.cards, 2);

        const auto target = take(remote.createDeck(u"Imported"_s));
        const auto summary = take(remote.importFile(package, target.id, {}));
        QCOMPARE(summary.notesAdded + summary.notesUnchanged + summary.notesUpdated, 2);
    }

    void wholeCollection_exportAndReplace()
    {
        auto &remote = m_fixture->remote();
        take(remote.addCard(newCard(u"kept"_s, 1)));
        QTemporaryDir dir;
        const QString whole = dir.filePath(u"collection.colpkg"_s);
        interop::PackageExportOptions options;
        options.wholeCollection = true;
        QCOMPARE(take(remote.exportFile(whole, false, options, {})).cards, 1);
        take(remote.addCard(newCard(u"added after the export"_s, 1)));
        QCOMPARE(m_fixture->cardsInFile(), 2);

        const auto [summary, backup] = take(remote.replaceCollection(whole, {}));
        QCOMPARE(summary.cardsAdded, 1);
        QVERIFY(!backup.isEmpty());
        QCOMPARE(m_fixture->cardsInFile(), 1);
        QCOMPARE(take(remote.findCards({std::nullopt, QString(), 10, 0})).cards.value(0).front, u"kept"_s);
    }

private:
    std::unique_ptr<RemoteFixture> m_fixture;
};

QTEST_GUILESS_MAIN(TestRemoteClient)
#include "tst_remoteclient.moc"
