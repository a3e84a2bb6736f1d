#include "testsupport.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::collection;
using javumbo::testsupport::queryNumber;

class TestDecks : public QObject
{
    Q_OBJECT
private:
    static std::optional<DeckSummary> byName(const QList<DeckSummary> &decks, const QString &name)
    {
        for (const DeckSummary &deck : decks) {
            if (deck.name == name)
                return deck;
        }
        return std::nullopt;
    }

private slots:
    void initTestCase() { testsupport::enterTestMode(); }

    void freshCollection_hasOnlyDefaultDeck()
    {
        testsupport::CollectionFixture fixture;
        const auto decks = fixture.collection().decks();
        QVERIFY(decks);
        QCOMPARE(decks->size(), 1);
        QCOMPARE(decks->first().id, qint64(1));
        QCOMPARE(decks->first().name, u"Default"_s);
    }

    void createDeck_returnsIdAndListsIt()
    {
        testsupport::CollectionFixture fixture;
        const auto created = fixture.collection().createDeck(u"  Spanish  "_s);
        QVERIFY(created);
        QCOMPARE(created->name, u"Spanish"_s);
        QCOMPARE(created->id, testsupport::kDay0TenAmMs);
        QVERIFY(fixture.collection().hasDeck(created->id).value());
        QVERIFY(byName(fixture.collection().decks().value(), u"Spanish"_s));
    }

    void createDeck_sameMillisecond_getsDistinctIds()
    {
        testsupport::CollectionFixture fixture;
        QSet<qint64> ids;
        for (int i = 0; i < 20; ++i)
            ids.insert(fixture.collection().createDeck(u"Deck %1"_s.arg(i)).value().id);
        QCOMPARE(ids.size(), 20);
    }

    void createDeck_duplicateNameCaseInsensitive_isRefusedAndWritesNothing()
    {
        testsupport::CollectionFixture fixture;
        QVERIFY(fixture.collection().createDeck(u"Verbs"_s));
        const qint64 modBefore = queryNumber(fixture.path(), u"SELECT mod FROM col"_s);
        fixture.clock.advanceMs(5000);
        const auto duplicate = fixture.collection().createDeck(u"VERBS"_s);
        QVERIFY(!duplicate);
        QCOMPARE(duplicate.code(), ErrorCode::DeckExists);
        QCOMPARE(fixture.collection().decks()->size(), 2);
        QCOMPARE(queryNumber(fixture.path(), u"SELECT mod FROM col"_s), modBefore);
    }

    void createDeck_invalidNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("empty") << QString();
        QTest::newRow("blank") << u"   "_s;
        QTest::newRow("empty child") << u"A::"_s;
        QTest::newRow("empty parent") << u"::B"_s;
        QTest::newRow("control character") << u"A\tB"_s;
        QTest::newRow("too long") << QString(401, u'x');
    }
    void createDeck_invalidNames()
    {
        QFETCH(QString, name);
        testsupport::CollectionFixture fixture;
        const auto created = fixture.collection().createDeck(name);
        QVERIFY(!created);
        QCOMPARE(created.code(), ErrorCode::InvalidDeckName);
        QCOMPARE(fixture.collection().decks()->size(), 1);
    }

    void createDeck_childCreatesMissingParent()
    {
        testsupport::CollectionFixture fixture;
        QVERIFY(fixture.collection().createDeck(u"Languages::French"_s));
        const auto decks = fixture.collection().decks().value();
        QVERIFY(byName(decks, u"Languages"_s));
        QVERIFY(byName(decks, u"Languages::French"_s));
    }

    void renameDeck_movesChildrenAlong()
    {
        testsupport::CollectionFixture fixture;
        const qint64 parent = fixture.collection().createDeck(u"Lang"_s)->id;
        fixture.clock.advanceMs(1);
        QVERIFY(fixture.collection().createDeck(u"Lang::French"_s));
        const auto renamed = fixture.collection().renameDeck(parent, u"Languages"_s);
        QVERIFY(renamed);
        QCOMPARE(renamed->name, u"Languages"_s);
        const auto decks = fixture.collection().decks().value();
        QVERIFY(byName(decks, u"Languages::French"_s));
        QVERIFY(!byName(decks, u"Lang::French"_s));
    }

    void renameDeck_errors()
    {
        testsupport::CollectionFixture fixture;
        const qint64 a = fixture.collection().createDeck(u"A"_s)->id;
        fixture.clock.advanceMs(1);
        QVERIFY(fixture.collection().createDeck(u"B"_s));
        QCOMPARE(fixture.collection().renameDeck(a, u"b"_s).code(), ErrorCode::DeckExists);
        QCOMPARE(fixture.collection().renameDeck(424242, u"C"_s).code(), ErrorCode::DeckNotFound);
        QCOMPARE(fixture.collection().renameDeck(a, u"A::Inside"_s).code(), ErrorCode::InvalidDeckName);
        QVERIFY(fixture.collection().renameDeck(a, u"a"_s)); // a case change of its own name is fine
    }

    void deleteDeck_defaultIsProtected()
    {
        testsupport::CollectionFixture fixture;
        const auto deleted = fixture.collection().deleteDeck(1);
        QVERIFY(!deleted);
        QCOMPARE(deleted.code(), ErrorCode::DefaultDeckProtected);
        QCOMPARE(fixture.collection().deleteDeck(999).code(), ErrorCode::DeckNotFound);
    }

    void deleteDeck_removesCardsChildrenAndRecordsGraves()
    {
        testsupport::CollectionFixture fixture;
        const qint64 parent = fixture.collection().createDeck(u"P"_s)->id;
        fixture.clock.advanceMs(1);
        const qint64 child = fixture.collection().createDeck(u"P::C"_s)->id;
        const auto inParent = fixture.addCard(u"p"_s, u"b"_s, parent);
        const auto inChild = fixture.addCard(u"c"_s, u"b"_s, child);
        const auto kept = fixture.addCard(u"k"_s);
        QVERIFY(fixture.collection().deleteDeck(parent));
        const QString path = fixture.path();
        QCOMPARE(queryNumber(path, u"SELECT count(*) FROM cards"_s), qint64(1));
        QCOMPARE(queryNumber(path, u"SELECT count(*) FROM notes"_s), qint64(1));
        QCOMPARE(queryNumber(path, u"SELECT id FROM cards"_s), kept.cardId);
        QCOMPARE(queryNumber(path,
                     u"SELECT count(*) FROM graves WHERE type = 0 AND oid IN (%1, %2)"_s.arg(inParent.cardId)
                         .arg(inChild.cardId)),
            qint64(2));
        QCOMPARE(queryNumber(path,
                     u"SELECT count(*) FROM graves WHERE type = 1 AND oid IN (%1, %2)"_s.arg(inParent.noteId)
                         .arg(inChild.noteId)),
            qint64(2));
        QCOMPARE(
            queryNumber(path,
                u"SELECT count(*) FROM graves WHERE type = 2 AND oid IN (%1, %2)"_s.arg(parent).arg(child)),
            qint64(2));
        QCOMPARE(fixture.collection().decks()->size(), 1);
    }

    void decks_countCardsWithChildrenAndApplyLimits()
    {
        testsupport::CollectionFixture fixture;
        const qint64 parent = fixture.collection().createDeck(u"P"_s)->id;
        fixture.clock.advanceMs(1);
        const qint64 child = fixture.collection().createDeck(u"P::C"_s)->id;
        for (int i = 0; i < 25; ++i)
            fixture.addCard(u"q%1"_s.arg(i), u"a"_s, i % 2 ? parent : child);
        const auto decks = fixture.collection().decks().value();
        const auto p = byName(decks, u"P"_s);
        const auto c = byName(decks, u"P::C"_s);
        QVERIFY(p && c);
        QCOMPARE(p->cardCount, 25);
        QCOMPARE(c->cardCount, 13);
        QCOMPARE(p->newCount, 20); // new cards/day limit
        QCOMPARE(c->newCount, 13);
        QCOMPARE(p->dueCount, 0);
    }
};

QTEST_GUILESS_MAIN(TestDecks)
#include "tst_decks.moc"
