#include "guifixture.h"
#include "views/statsview.h"

#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QLabel>
#include <QPieSeries>
#include <QTableWidget>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::gui;

class TestStatsView : public QObject
{
    Q_OBJECT
private:
    static qint64 sum(const collection::DayCounts &counts)
    {
        qint64 total = 0;
        for (qint64 n : counts)
            total += n;
        return total;
    }
    static qint64 barTotal(QChartView *view)
    {
        const auto series = view->chart()->series();
        if (series.size() != 1)
            return -1;
        auto *bars = qobject_cast<QBarSeries *>(series.first());
        qint64 total = 0;
        for (int i = 0; bars && i < bars->barSets().first()->count(); ++i)
            total += qint64(bars->barSets().first()->at(i));
        return total;
    }

private slots:
    void afterReviews_chartsShowNonEmptySeries()
    {
        testsupport::GuiFixture fixture;
        const qint64 user = fixture.openNewProfile(u"frank"_s).userId;
        for (const QString &front : {u"a"_s, u"b"_s, u"c"_s}) {
            auto card = fixture.backend().cards().add(user, {front, u"back"_s, 1, {}, {}});
            QVERIFY(card);
            QVERIFY(
                fixture.backend().reviews().answer(user, {card->cardId, front == u"a"_s ? 1 : 4, 1000, {}}));
        }
        QVERIFY(fixture.backend().cards().add(user, {u"new one"_s, u"back"_s, 1, {}, {}}));

        StatsView view(&fixture.context());
        view.resize(900, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_VERIFY(!view.isLoading() && !view.reviewSeries().isEmpty());
        QCOMPARE(sum(view.reviewSeries()), qint64(3));
        QCOMPARE(view.reviewSeries().last(), qint64(3)); // today
        QCOMPARE(sum(view.forecastSeries()), qint64(3));
        QCOMPARE(barTotal(view.findChild<QChartView *>(u"reviewChart"_s)), qint64(3));
        QCOMPARE(barTotal(view.findChild<QChartView *>(u"forecastChart"_s)), qint64(3));
        auto *states = qobject_cast<QPieSeries *>(
            view.findChild<QChartView *>(u"statesChart"_s)->chart()->series().value(0));
        QVERIFY(states);
        QCOMPARE(qint64(states->sum()), qint64(4));
        QVERIFY(view.findChild<QLabel *>(u"todaySummary"_s)->text().contains(u"3 reviews"_s));
    }

    void newReview_refreshesTheVisibleView()
    {
        testsupport::GuiFixture fixture;
        const qint64 user = fixture.openNewProfile(u"gina"_s).userId;
        StatsView view(&fixture.context());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_VERIFY(!view.isLoading() && !view.reviewSeries().isEmpty());
        QCOMPARE(sum(view.reviewSeries()), qint64(0));
        auto card = fixture.backend().cards().add(user, {u"x"_s, u"y"_s, 1, {}, {}});
        QVERIFY(card);
        QVERIFY(fixture.backend().reviews().answer(user, {card->cardId, 3, 1000, {}}));
        fixture.context().notifyChanged();
        QTRY_COMPARE(sum(view.reviewSeries()), qint64(1));
    }

    void deckFilter_showsThatDeckOnly_withAnswerButtonsAndStudyTime()
    {
        testsupport::GuiFixture fixture;
        const qint64 user = fixture.openNewProfile(u"ivy"_s).userId;
        const qint64 spanish = fixture.backend().decks().create(user, u"Spanish"_s)->id;
        const QList<std::pair<qint64, int>> answers {{spanish, 1}, {spanish, 3}, {1, 4}};
        for (const auto &[deck, ease] : answers) {
            auto card = fixture.backend().cards().add(user, {u"q%1"_s.arg(ease), u"a"_s, deck, {}, {}});
            QVERIFY(card);
            QVERIFY(fixture.backend().reviews().answer(user, {card->cardId, ease, 30000, {}}));
        }
        StatsView view(&fixture.context());
        view.resize(900, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_VERIFY(!view.isLoading() && !view.reviewSeries().isEmpty());
        QCOMPARE(view.report().reviewsToday, qint64(3));

        auto *deck = view.findChild<QComboBox *>(u"statsDeck"_s);
        QTRY_VERIFY(deck->findData(spanish) >= 0);
        deck->setCurrentIndex(deck->findData(spanish));
        Q_EMIT deck->activated(deck->currentIndex());
        QTRY_VERIFY(!view.isLoading() && view.report().reviewsToday == 2);
        QCOMPARE(view.report().cards, qint64(2));
        QCOMPARE(view.report().secondsToday, qint64(60));
        auto *buttons = view.findChild<QTableWidget *>(u"answerButtons"_s);
        QCOMPARE(buttons->item(0, 0)->text(), u"1"_s); // learning: one Again
        QCOMPARE(buttons->item(0, 2)->text(), u"1"_s); // and one Good
        QCOMPARE(buttons->item(0, 4)->text(), u"50.0%"_s);
        QCOMPARE(
            view.findChild<QTableWidget *>(u"trueRetention"_s)->item(2, 2)->text(), u"–"_s); // no reviews yet
        QVERIFY2(view.findChild<QLabel *>(u"todaySummary"_s)->text().contains(u"2 reviews in 1 minute"_s),
            qPrintable(view.findChild<QLabel *>(u"todaySummary"_s)->text()));
    }

    // A short day still shows: 25 seconds are a bar in seconds, not a rounded-down zero minutes.
    void studyTime_shortSessionsShowInSeconds_longOnesInMinutes()
    {
        testsupport::GuiFixture fixture;
        const qint64 user = fixture.openNewProfile(u"jon"_s).userId;
        auto card = fixture.backend().cards().add(user, {u"q"_s, u"a"_s, 1, {}, {}});
        QVERIFY(card);
        QVERIFY(fixture.backend().reviews().answer(user, {card->cardId, 3, 25000, {}}));
        StatsView view(&fixture.context());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_VERIFY(!view.isLoading() && !view.reviewSeries().isEmpty());
        auto *time = view.findChild<QChartView *>(u"timeChart"_s);
        QCOMPARE(time->chart()->title(), u"Study time per day (seconds)"_s);
        QCOMPARE(barTotal(time), qint64(25));
        QVERIFY2(view.findChild<QLabel *>(u"todaySummary"_s)->text().contains(u"1 review in 25 seconds"_s),
            qPrintable(view.findChild<QLabel *>(u"todaySummary"_s)->text()));

        // Eleven minutes more today (answers count at most maxTaken, 60 s, each): minutes then.
        for (int i = 0; i < 11; ++i) {
            auto more = fixture.backend().cards().add(user, {u"m%1"_s.arg(i), u"a"_s, 1, {}, {}});
            QVERIFY(more);
            QVERIFY(fixture.backend().reviews().answer(user, {more->cardId, 3, 60000, {}}));
        }
        fixture.context().notifyChanged();
        QTRY_COMPARE(time->chart()->title(), u"Study time per day (minutes)"_s);
        QCOMPARE(barTotal(time), qint64(11)); // 685 s, to the nearest minute
    }
};

QTEST_MAIN(TestStatsView)
#include "tst_statsview.moc"
