#include "testsupport.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::collection;

class TestCardSearch : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<testsupport::CollectionFixture> m_fixture;
    qint64 m_spanish = 0;
    qint64 m_verbs = 0;

    QStringList fronts(const QString &search, std::optional<qint64> deckId = std::nullopt)
    {
        const auto page = m_fixture->collection().findCards({deckId, search, 100, 0});
        if (!page)
            return {u"error: "_s % page.error().message};
        QStringList result;
        for (const CardRecord &card : page->cards)
            result.append(card.front);
        return result;
    }

private slots:
    void initTestCase()
    {
        testsupport::enterTestMode();
        m_fixture = std::make_unique<testsupport::CollectionFixture>();
        auto &collection = m_fixture->collection();
        m_spanish = collection.createDeck(u"Spanish"_s)->id;
        m_fixture->clock.advanceMs(1);
        m_verbs = collection.createDeck(u"Spanish::Verbs"_s)->id;
        QVERIFY(collection.addCard({u"hola"_s, u"hello"_s, m_spanish, {u"greeting"_s}}));
        QVERIFY(collection.addCard({u"comer"_s, u"to eat"_s, m_verbs, {u"verb::regular"_s}}));
        QVERIFY(collection.addCard({u"ser"_s, u"to be"_s, m_verbs, {u"verb"_s, u"irregular"_s}}));
        QVERIFY(collection.addCard({u"cat"_s, u"gato 100%_sure"_s, 1, {}}));
        const auto suspended = collection.addCard({u"zzz"_s, u"sleep"_s, 1, {}});
        QVERIFY(collection.setSuspended(suspended->cardId, true));
    }

    void search_data()
    {
        QTest::addColumn<QString>("search");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("everything") << QString()
                                    << QStringList {u"hola"_s, u"comer"_s, u"ser"_s, u"cat"_s, u"zzz"_s};
        QTest::newRow("text in back, case-insensitive") << u"EAT"_s << QStringList {u"comer"_s};
        QTest::newRow("text inside words") << u"to"_s << QStringList {u"comer"_s, u"ser"_s, u"cat"_s};
        QTest::newRow("two words must both match") << u"to eat"_s << QStringList {u"comer"_s};
        QTest::newRow("quoted phrase") << u"\"to eat\""_s << QStringList {u"comer"_s};
        QTest::newRow("wildcard") << u"h*o"_s << QStringList {u"hola"_s};
        QTest::newRow("percent is literal") << u"100%"_s << QStringList {u"cat"_s};
        QTest::newRow("underscore is literal") << u"%_s"_s << QStringList {u"cat"_s};
        QTest::newRow("deck includes children")
            << u"deck:spanish"_s << QStringList {u"hola"_s, u"comer"_s, u"ser"_s};
        QTest::newRow("child deck") << u"deck:Spanish::Verbs"_s << QStringList {u"comer"_s, u"ser"_s};
        QTest::newRow("quoted deck") << u"\"deck:Spanish::Verbs\""_s << QStringList {u"comer"_s, u"ser"_s};
        QTest::newRow("deck wildcard") << u"deck:span*"_s << QStringList {u"hola"_s, u"comer"_s, u"ser"_s};
        QTest::newRow("unknown deck") << u"deck:nope"_s << QStringList {};
        QTest::newRow("tag") << u"tag:irregular"_s << QStringList {u"ser"_s};
        QTest::newRow("tag includes child tags") << u"tag:verb"_s << QStringList {u"comer"_s, u"ser"_s};
        QTest::newRow("tag is whole word") << u"tag:greet"_s << QStringList {};
        QTest::newRow("tag wildcard") << u"tag:greet*"_s << QStringList {u"hola"_s};
        QTest::newRow("negation") << u"deck:spanish -tag:verb"_s << QStringList {u"hola"_s};
        QTest::newRow("is:new excludes nothing new")
            << u"is:new"_s << QStringList {u"hola"_s, u"comer"_s, u"ser"_s, u"cat"_s, u"zzz"_s};
        QTest::newRow("is:suspended") << u"is:suspended"_s << QStringList {u"zzz"_s};
        QTest::newRow("is:due none yet") << u"is:due"_s << QStringList {};
        QTest::newRow("sql metacharacters are data") << u"'; DROP TABLE cards; --"_s << QStringList {};
    }
    void search()
    {
        QFETCH(QString, search);
        QFETCH(QStringList, expected);
        QCOMPARE(fronts(search), expected);
    }

    void search_deckFilterArgument()
    {
        QCOMPARE(fronts(QString(), m_verbs), (QStringList {u"comer"_s, u"ser"_s}));
        QCOMPARE(m_fixture->collection().findCards({qint64(4242), QString(), 10, 0}).code(),
            ErrorCode::DeckNotFound);
    }

    void search_unknownState_isInvalidQuery()
    {
        QCOMPARE(m_fixture->collection().findCards({std::nullopt, u"is:banana"_s, 10, 0}).code(),
            ErrorCode::InvalidQuery);
    }

    void search_isDue_findsDueReviewCard()
    {
        const auto card = m_fixture->collection().findCards({std::nullopt, u"hola"_s, 1, 0})->cards.first();
        QVERIFY(m_fixture->collection().answer({card.cardId, 4, 0, {}})); // Easy: review, due in 4 days
        QCOMPARE(fronts(u"is:due"_s), QStringList {});
        QCOMPARE(fronts(u"-is:new"_s), QStringList {u"hola"_s});
        m_fixture->clock.advanceMs(4LL * 86400 * 1000);
        QCOMPARE(fronts(u"is:due"_s), QStringList {u"hola"_s});
    }

    void search_paginatesWithTotal()
    {
        const auto page = m_fixture->collection().findCards({std::nullopt, QString(), 2, 1});
        QVERIFY(page);
        QCOMPARE(page->total, qint64(5));
        QCOMPARE(page->cards.size(), 2);
        QCOMPARE(page->cards.at(0).front, u"comer"_s);
        QCOMPARE(m_fixture->collection().findCards({std::nullopt, QString(), 10, 100})->cards.size(), 0);
    }

    void cleanupTestCase() { m_fixture.reset(); }
};

QTEST_GUILESS_MAIN(TestCardSearch)
#include "tst_cardsearch.moc"
