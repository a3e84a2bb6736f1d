#include "storage/collectionschema.h"
#include "storage/database.h"
#include "testpostgres.h"
#include "testsupport.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::storage;
using namespace javumbo::collection;
using javumbo::testsupport::queryColumn;
using javumbo::testsupport::queryNumber;

class TestCards : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { testsupport::enterTestMode(); }

    void addCard_writesAnkiNoteAndCard()
    {
        testsupport::CollectionFixture fixture;
        const auto added
            = fixture.collection().addCard({u"<b>test</b>"_s, u"answer"_s, 1, {u"verbs"_s, u"b1"_s}});
        QVERIFY(added);
        const QString path = fixture.path();
        const QString where = u" WHERE id = %1"_s.arg(added->noteId);
        QCOMPARE(queryColumn(path, u"SELECT flds FROM notes"_s % where).value(0),
            u"<b>test</b>\x1f"_s + u"answer"_s);
        QCOMPARE(queryColumn(path, u"SELECT sfld FROM notes"_s % where).value(0), u"test"_s);
        QCOMPARE(queryNumber(path, u"SELECT csum FROM notes"_s % where), qint64(2840236005));
        QCOMPARE(queryColumn(path, u"SELECT tags FROM notes"_s % where).value(0), u" verbs b1 "_s);
        QVERIFY(!queryColumn(path, u"SELECT guid FROM notes"_s % where).value(0).isEmpty());
        QCOMPARE(queryNumber(path, u"SELECT mid FROM notes"_s % where),
            queryNumber(path, u"SELECT json_extract(conf, '$.curModel') FROM col"_s));
        const QString card = u" FROM cards WHERE id = %1"_s.arg(added->cardId);
        QCOMPARE(queryNumber(path, u"SELECT nid"_s % card), added->noteId);
        QCOMPARE(
            queryNumber(path,
                u"SELECT ord + type + queue + ivl + factor + reps + lapses + \"left\" + odue + odid + flags"_s
                    % card),
            qint64(0));
        QCOMPARE(queryNumber(path, u"SELECT due"_s % card), qint64(1));
        QCOMPARE(queryNumber(path, u"SELECT usn"_s % card), qint64(-1));
        QCOMPARE(queryNumber(path, u"SELECT json_extract(conf, '$.nextPos') FROM col"_s), qint64(2));
        QCOMPARE(fixture.addCard(u"second"_s).state.due, qint64(2));
    }

    void addCard_thousandInOneMillisecond_getDistinctIds()
    {
        testsupport::CollectionFixture fixture; // the clock never moves
        QSet<qint64> noteIds, cardIds;
        for (int i = 0; i < 1000; ++i) {
            const auto card = fixture.addCard(u"q%1"_s.arg(i));
            noteIds.insert(card.noteId);
            cardIds.insert(card.cardId);
        }
        QCOMPARE(noteIds.size(), 1000);
        QCOMPARE(cardIds.size(), 1000);
        QCOMPARE(*std::min_element(cardIds.begin(), cardIds.end()), testsupport::kDay0TenAmMs);
        QCOMPARE(queryNumber(fixture.path(), u"SELECT count(DISTINCT id) FROM cards"_s), qint64(1000));
    }

    void addCard_invalidInput_writesNothing_data()
    {
        QTest::addColumn<QString>("front");
        QTest::addColumn<QString>("back");
        QTest::addColumn<qint64>("deckId");
        QTest::addColumn<QStringList>("tags");
        QTest::addColumn<int>("code");
        QTest::newRow("empty front") << u"  "_s << u"b"_s << qint64(1) << QStringList()
                                     << int(ErrorCode::BadRequest);
        QTest::newRow("separator in front")
            << u"a\x1f"_s << u"b"_s << qint64(1) << QStringList() << int(ErrorCode::BadRequest);
        QTest::newRow("huge back") << u"a"_s << QString(UserCollection::kMaxFieldLength + 1, u'x')
                                   << qint64(1) << QStringList() << int(ErrorCode::BadRequest);
        QTest::newRow("bad tag") << u"a"_s << u"b"_s << qint64(1) << QStringList {u"two words"_s}
                                 << int(ErrorCode::BadRequest);
        QTest::newRow("unknown deck")
            << u"a"_s << u"b"_s << qint64(77) << QStringList() << int(ErrorCode::DeckNotFound);
    }
    void addCard_invalidInput_writesNothing()
    {
        QFETCH(QString, front);
        QFETCH(QString, back);
        QFETCH(qint64, deckId);
        QFETCH(QStringList, tags);
        QFETCH(int, code);
        testsupport::CollectionFixture fixture;
        const auto added = fixture.collection().addCard({front, back, deckId, tags});
        QVERIFY(!added);
        QCOMPARE(int(added.code()), code);
        QCOMPARE(queryNumber(fixture.path(), u"SELECT count(*) FROM notes"_s), qint64(0));
        QCOMPARE(
            queryNumber(fixture.path(), u"SELECT json_extract(conf, '$.nextPos') FROM col"_s), qint64(1));
    }

    void card_roundTripsAndUnknownIsNotFound()
    {
        testsupport::CollectionFixture fixture;
        const auto added = fixture.addCard(u"front 今日"_s, u"back"_s);
        const auto loaded = fixture.collection().card(added.cardId);
        QVERIFY(loaded);
        QCOMPARE(loaded->front, u"front 今日"_s);
        QCOMPARE(loaded->back, u"back"_s);
        QCOMPARE(loaded->noteId, added.noteId);
        QCOMPARE(loaded->etag(), added.etag());
        QCOMPARE(fixture.collection().card(12345).code(), ErrorCode::CardNotFound);
    }

    void updateCard_changesContentAndVersion()
    {
        testsupport::CollectionFixture fixture;
        const auto added = fixture.addCard(u"old"_s);
        const qint64 deck = fixture.collection().createDeck(u"Other"_s)->id;
        fixture.clock.advanceMs(400); // within the same second
        const auto updated = fixture.collection().updateCard(
            added.cardId, {u"test"_s, u"new back"_s, deck, QStringList {u"t"_s}, added.etag()});
        QVERIFY(updated);
        QCOMPARE(updated->mod, added.mod); // the true time of the change (docs/scheduling.md §9.5)
        QVERIFY(updated->etag() != added.etag()); // same second, still a new version
        QCOMPARE(updated->deckId, deck);
        const auto loaded = fixture.collection().card(added.cardId).value();
        QCOMPARE(loaded.front, u"test"_s);
        QCOMPARE(loaded.tags, QStringList {u"t"_s});
        QCOMPARE(loaded.mod, updated->mod);
        QCOMPARE(queryNumber(fixture.path(), u"SELECT csum FROM notes"_s), qint64(2840236005));
        QCOMPARE(queryColumn(fixture.path(), u"SELECT sfld FROM notes"_s).value(0), u"test"_s);
    }

    void updateCard_staleVersion_isRefusedAndWritesNothing()
    {
        testsupport::CollectionFixture fixture;
        const auto added = fixture.addCard(u"original"_s);
        QVERIFY(
            fixture.collection().updateCard(added.cardId, {u"first edit"_s, u"b"_s, {}, {}, added.etag()}));
        const auto stale
            = fixture.collection().updateCard(added.cardId, {u"second edit"_s, u"b"_s, {}, {}, added.etag()});
        QVERIFY(!stale);
        QCOMPARE(stale.code(), ErrorCode::StaleCard);
        QCOMPARE(fixture.collection().card(added.cardId)->front, u"first edit"_s);
        QCOMPARE(fixture.collection().updateCard(999, {u"x"_s, u"y"_s, {}, {}, {}}).code(),
            ErrorCode::CardNotFound);
        QCOMPARE(
            fixture.collection().updateCard(added.cardId, {u"x"_s, u"y"_s, qint64(31337), {}, {}}).code(),
            ErrorCode::DeckNotFound);
    }

    void deleteCard_removesNoteAndRecordsGraves()
    {
        testsupport::CollectionFixture fixture;
        const auto added = fixture.addCard(u"bye"_s);
        const auto staleDelete = fixture.collection().deleteCard(added.cardId, u"\"not-a-version\""_s);
        QCOMPARE(staleDelete.code(), ErrorCode::StaleCard);
        QVERIFY(fixture.collection().deleteCard(added.cardId, added.etag()));
        QCOMPARE(queryNumber(fixture.path(), u"SELECT count(*) FROM cards"_s), qint64(0));
        QCOMPARE(queryNumber(fixture.path(), u"SELECT count(*) FROM notes"_s), qint64(0));
        QCOMPARE(queryNumber(fixture.path(),
                     u"SELECT count(*) FROM graves WHERE oid = %1 AND type = 0"_s.arg(added.cardId)),
            qint64(1));
        QCOMPARE(queryNumber(fixture.path(),
                     u"SELECT count(*) FROM graves WHERE oid = %1 AND type = 1"_s.arg(added.noteId)),
            qint64(1));
        QCOMPARE(fixture.collection().deleteCard(added.cardId).code(), ErrorCode::CardNotFound);
    }

    void setSuspended_togglesQueueFromType_data()
    {
        QTest::addColumn<int>("ease"); // 0: not answered
        QTest::addColumn<int>("queueAfter");
        QTest::newRow("new") << 0 << 0;
        QTest::newRow("learning (due a time)") << 1 << 1;
        QTest::newRow("review") << 4 << 2;
    }
    void setSuspended_togglesQueueFromType()
    {
        QFETCH(int, ease);
        QFETCH(int, queueAfter);
        testsupport::CollectionFixture fixture;
        const auto added = fixture.addCard(u"s"_s);
        if (ease > 0)
            QVERIFY(fixture.collection().answer({added.cardId, ease, 1000, {}}));
        const auto before = fixture.collection().card(added.cardId).value();
        fixture.clock.advanceMs(1); // the same second: only the etag tells the versions apart
        const auto suspended = fixture.collection().setSuspended(added.cardId, true, before.etag());
        QCOMPARE(suspended->state.queue, -1);
        QVERIFY(suspended->etag() != before.etag());
        QCOMPARE(
            fixture.collection().setSuspended(added.cardId, true)->etag(), suspended->etag()); // no change
        QCOMPARE(fixture.collection().setSuspended(added.cardId, false, before.etag()).code(),
            ErrorCode::StaleCard);
        const auto back = fixture.collection().setSuspended(added.cardId, false, suspended->etag());
        QCOMPARE(back->state.queue, queueAfter);
        QCOMPARE(back->state.type, before.state.type);
        QCOMPARE(back->state.due, before.state.due);
    }

    void integrityCheck_reportsOk()
    {
        testsupport::CollectionFixture fixture;
        fixture.addCard(u"a"_s);
        QCOMPARE(fixture.collection().integrityCheck().value(), u"ok"_s);
    }

    void fullDisk_givesStorageUnavailableAndLosesNothing()
    {
        if (testsupport::usePostgres())
            QSKIP("a full SQLite file (max_page_count); PostgreSQL's 53100 disk_full is tst_pgerror's");
        testsupport::CollectionFixture fixture;
        const auto kept = fixture.addCard(u"kept"_s);
        // Cap the file at its current size: the next large write hits SQLITE_FULL.
        auto connection = Database::open(fixture.path(), OpenMode::ReadWrite, &collectionschema::verify);
        QVERIFY(connection);
        const qint64 pages = queryNumber(fixture.path(), u"PRAGMA page_count"_s);
        QVERIFY(connection.value()->execute(u"PRAGMA max_page_count = %1"_s.arg(pages + 2)));
        const auto added = fixture.collection().addCard({u"big"_s, QString(60000, u'x'), 1, {}});
        QVERIFY(!added);
        QCOMPARE(added.code(), ErrorCode::StorageUnavailable);
        QVERIFY2(added.error().message.contains(u"full"_s), qPrintable(added.error().message));
        QCOMPARE(queryNumber(fixture.path(), u"SELECT count(*) FROM cards"_s), qint64(1));
        QCOMPARE(
            queryNumber(fixture.path(), u"SELECT json_extract(conf, '$.nextPos') FROM col"_s), qint64(2));
        QCOMPARE(fixture.collection().card(kept.cardId)->front, u"kept"_s);
        QCOMPARE(fixture.collection().integrityCheck().value(), u"ok"_s);
    }
};

QTEST_GUILESS_MAIN(TestCards)
#include "tst_cards.moc"
