#include "services/backend.h"
#include "services/statsservice.h"
#include "storage/database.h"
#include "testsupport.h"

#include <QTemporaryDir>

#include <QTest>
#include <numeric>

using namespace Qt::StringLiterals;
using namespace javumbo;

class TestStatsService : public QObject
{
    Q_OBJECT
private:
    static constexpr qint64 kDayMs = 86400 * 1000LL;
    std::unique_ptr<QTemporaryDir> m_dir;
    ManualClock m_clock {testsupport::kDay0TenAmMs};
    UserLockRegistry m_locks;
    std::unique_ptr<Backend> m_backend;
    std::unique_ptr<StatsService> m_stats;
    qint64 m_user = 0;

    qint64 addCard(const QString &front)
    {
        auto card = m_backend->cards().add(m_user, {front, u"back"_s, 1, {}, {}});
        return card ? card->cardId : 0;
    }

private slots:
    void init()
    {
        testsupport::enterTestMode();
        m_clock.setNowMs(testsupport::kDay0TenAmMs);
        m_dir = std::make_unique<QTemporaryDir>();
        BackendOptions options = testsupport::backendOptions(m_dir->path());
        options.fuzz = scheduling::FuzzSource::off();
        m_backend = std::make_unique<Backend>(options, m_clock, m_locks);
        QVERIFY(m_backend->initialize());
        auto account = m_backend->accounts().registerUser(
            {u"student"_s, u"long enough"_s, {}, u"s@example.org"_s, {}});
        QVERIFY(account);
        m_user = account->id;
        m_stats = std::make_unique<StatsService>(m_backend->context());
    }
    void cleanup()
    {
        storage::Database::closeAllOnThisThread();
        m_stats.reset();
        m_backend.reset();
        m_dir.reset();
    }

    void reviewsPerDay_countsAnswersOnTheirDay_todayLast()
    {
        const qint64 card = addCard(u"a"_s);
        QVERIFY(m_backend->reviews().answer(m_user, {card, 1, 1000, {}}));
        m_clock.advanceMs(2 * kDayMs);
        QVERIFY(m_backend->reviews().answer(m_user, {card, 3, 1000, {}}));
        QVERIFY(m_backend->reviews().answer(m_user, {card, 3, 1000, {}}));

        auto perDay = m_stats->reviewsPerDay(m_user, 7);
        QVERIFY(perDay);
        QCOMPARE(perDay->size(), 7);
        QCOMPARE(perDay->at(6), qint64(2)); // today
        QCOMPARE(perDay->at(5), qint64(0));
        QCOMPARE(perDay->at(4), qint64(1)); // two days ago
    }

    void dueForecast_placesReviewAndLearningCardsOnTheirDays()
    {
        const qint64 learning = addCard(u"learning"_s);
        const qint64 graduated = addCard(u"graduated"_s);
        addCard(u"new"_s); // new cards are not forecast
        QVERIFY(m_backend->reviews().answer(m_user, {learning, 1, 1000, {}})); // due in a minute
        QVERIFY(m_backend->reviews().answer(m_user, {graduated, 4, 1000, {}})); // easy: due in 4 days

        auto forecast = m_stats->dueForecast(m_user, 10);
        QVERIFY(forecast);
        QCOMPARE(forecast->size(), 10);
        QCOMPARE(forecast->at(0), qint64(1));
        QCOMPARE(forecast->at(4), qint64(1));
        qint64 total = 0;
        for (qint64 n : forecast.value())
            total += n;
        QCOMPARE(total, qint64(2));
    }

    void nextDueAt_learningCard_isItsDueTime()
    {
        const qint64 card = addCard(u"a"_s);
        auto answered = m_backend->reviews().answer(m_user, {card, 1, 1000, {}});
        QVERIFY(answered);
        auto next = m_backend->decks().get(m_user, 1);
        QVERIFY(next);
        QCOMPARE(next->nextDueAt, std::optional<qint64>(answered->state.due));
    }

    void nextDueAt_emptyDeck_isNothing()
    {
        auto next = m_backend->decks().get(m_user, 1);
        QVERIFY(next);
        QVERIFY(!next->nextDueAt.has_value());
        QCOMPARE(m_backend->decks().get(m_user, 999).code(), ErrorCode::DeckNotFound);
    }

    void nextDueAt_reviewCard_isTheStartOfItsDay()
    {
        const qint64 card = addCard(u"a"_s);
        QVERIFY(m_backend->reviews().answer(m_user, {card, 4, 1000, {}})); // Easy: due on day 4 (fuzz off)
        const qint64 nextDayAt = testsupport::kDay0TenAmMs / 1000 + 18 * 3600; // day 1, 04:00
        QCOMPARE(m_backend->decks().get(m_user, 1)->nextDueAt, std::optional<qint64>(nextDayAt + 3 * 86400));
    }

    void nextDueAt_cardsHeldBackByTodaysLimit_atTheNextDay()
    {
        for (int i = 0; i < 20; ++i) // the default new-card limit
            addCard(u"n%1"_s.arg(i));
        QCOMPARE(m_backend->decks().get(m_user, 1)->nextDueAt, std::nullopt); // all due now
        addCard(u"one more"_s);
        const auto deck = m_backend->decks().get(m_user, 1);
        QCOMPARE(deck->newCount, 20);
        QCOMPARE(deck->nextDueAt, std::optional<qint64>(testsupport::kDay0TenAmMs / 1000 + 18 * 3600));
    }

    void series_ofOneDeck_countOnlyItsCards()
    {
        const qint64 other = m_backend->decks().create(m_user, u"Other"_s)->id;
        const qint64 inDefault = addCard(u"a"_s);
        auto inOther = m_backend->cards().add(m_user, {u"b"_s, u"back"_s, other, {}, {}});
        QVERIFY(inOther);
        QVERIFY(m_backend->reviews().answer(m_user, {inDefault, 4, 1000, {}}));
        QVERIFY(m_backend->reviews().answer(m_user, {inOther->cardId, 4, 1000, {}}));
        QVERIFY(m_backend->reviews().answer(m_user, {inOther->cardId, 4, 1000, {}}));
        QCOMPARE(m_stats->reviewsPerDay(m_user, 3)->last(), qint64(3));
        QCOMPARE(m_stats->reviewsPerDay(m_user, 3, other)->last(), qint64(2));
        QCOMPARE(m_stats->reviewsPerDay(m_user, 3, 1)->last(), qint64(1));
        const auto forecast = m_stats->dueForecast(m_user, 60, other);
        QVERIFY(forecast);
        QCOMPARE(std::accumulate(forecast->cbegin(), forecast->cend(), qint64(0)), qint64(1));
        QCOMPARE(m_stats->reviewsPerDay(m_user, 3, 4242).code(), ErrorCode::DeckNotFound);
        QCOMPARE(m_stats->dueForecast(m_user, 3, 4242).code(), ErrorCode::DeckNotFound);
    }

    void series_days_from1To3650()
    {
        QCOMPARE(m_stats->reviewsPerDay(m_user, 1)->size(), 1);
        QCOMPARE(m_stats->dueForecast(m_user, 3650)->size(), 3650);
        QCOMPARE(m_stats->reviewsPerDay(m_user, 0).code(), ErrorCode::BadRequest);
        QCOMPARE(m_stats->dueForecast(m_user, 3651).code(), ErrorCode::BadRequest);
    }

    void overview_countsCardsByState()
    {
        const qint64 card = addCard(u"a"_s);
        addCard(u"b"_s);
        QVERIFY(m_backend->reviews().answer(m_user, {card, 1, 1000, {}}));
        auto overview = m_stats->overview(m_user);
        QVERIFY(overview);
        QCOMPARE(overview->cards, qint64(2));
        QCOMPARE(overview->newCards, qint64(1));
        QCOMPARE(overview->learningCards, qint64(1));
        QCOMPARE(overview->reviewsToday, qint64(1));
    }
};

QTEST_GUILESS_MAIN(TestStatsService)
#include "tst_statsservice.moc"
