// The search syntax through the core (UserCollection::findCards), on the
// collection and the table that tst_apicontract runs over HTTP
// (tests/support/searchcases.h).
#include "searchcases.h"
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
    qint64 m_verbs = 0;

    Result<QStringList> fronts(const QString &search, std::optional<qint64> deckId = std::nullopt)
    {
        const auto page = m_fixture->collection().findCards({deckId, search, 100, 0});
        if (!page)
            return page.error();
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
        UserCollection &collection = m_fixture->collection();
        testsupport::searchcases::Maker maker;
        maker.createDeck = [&](const QString &name) { return collection.createDeck(name)->id; };
        maker.addCard
            = [&](const QString &front, const QString &back, qint64 deckId, const QStringList &tags) {
                  auto added = collection.addCard({front, back, deckId, tags});
                  if (!added)
                      qFatal("add: %s", qPrintable(added.error().message));
                  return added->cardId;
              };
        maker.answer = [&](qint64 cardId, int ease) {
            if (auto answered = collection.answer({cardId, ease, 1000, {}}); !answered)
                qFatal("answer: %s", qPrintable(answered.error().message));
        };
        maker.suspend = [&](qint64 cardId) { QVERIFY(collection.setSuspended(cardId, true)); };
        maker.advanceClock = [&](qint64 ms) { m_fixture->clock.advanceMs(ms); };
        testsupport::searchcases::make(maker);
        m_verbs = collection.findCards({std::nullopt, u"deck:Spanish::Verbs"_s, 1, 0})->cards.first().deckId;
    }

    void search_data() { testsupport::searchcases::addRows(); }
    void search()
    {
        QFETCH(QString, query);
        QFETCH(QStringList, fronts);
        QFETCH(QString, invalidTerm);
        const auto found = this->fronts(query);
        if (!invalidTerm.isEmpty()) {
            QVERIFY(!found);
            QCOMPARE(found.code(), ErrorCode::InvalidQuery);
            QVERIFY2(found.error().message.contains(invalidTerm), qPrintable(found.error().message));
            return;
        }
        QVERIFY2(found, qPrintable(found ? QString() : found.error().message));
        QStringList sortedFound = found.value();
        sortedFound.sort();
        fronts.sort();
        QCOMPARE(sortedFound, fronts);
    }

    void search_deckFilterArgument()
    {
        QCOMPARE(fronts(QString(), m_verbs).value(), (QStringList {u"comer"_s, u"ser"_s}));
        QCOMPARE(fronts(u"to be"_s, m_verbs).value(), QStringList {u"ser"_s});
        QCOMPARE(m_fixture->collection().findCards({qint64(4242), QString(), 10, 0}).code(),
            ErrorCode::DeckNotFound);
    }

    void search_invalidQuery_messageSaysHowToFixIt()
    {
        const auto unknown = fronts(u"foo:bar"_s);
        QVERIFY(unknown.error().message.contains(u"deck:, tag:, is:"_s));
        QVERIFY(unknown.error().message.contains(u"\\:"_s));
        QVERIFY(fronts(u"is:banana"_s)
                    .error()
                    .message.contains(u"new, learn, review, due, suspended or buried"_s));
    }

    void search_paginatesWithTotal_data()
    {
        QTest::addColumn<QString>("query");
        QTest::newRow("sql only") << QString();
        QTest::newRow("with a text term") << u"*"_s;
    }
    void search_paginatesWithTotal()
    {
        QFETCH(QString, query);
        const auto page = m_fixture->collection().findCards({std::nullopt, query, 2, 1});
        QVERIFY(page);
        QCOMPARE(page->total, qint64(10));
        QCOMPARE(page->cards.size(), 2);
        QCOMPARE(page->cards.at(0).front, u"comer"_s); // ordered by card id
        QCOMPARE(page->cards.at(1).front, u"ser"_s);
        QCOMPARE(m_fixture->collection().findCards({std::nullopt, query, 10, 100})->cards.size(), 0);
    }

    void cleanupTestCase() { m_fixture.reset(); }
};

QTEST_GUILESS_MAIN(TestCardSearch)
#include "tst_cardsearch.moc"
