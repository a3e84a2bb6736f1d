#include "integrityfixture.h"
#include "testsupport.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::integrity;
using javumbo::history::Outcome;
using javumbo::testsupport::CheckerRun;
using javumbo::testsupport::classesOf;

namespace {

// Alice has one acknowledged card, u1_1.
struct Run : CheckerRun
{
    qint64 cardId = stored(alice, u"u1_1"_s).cardId;
};

} // namespace

class TestIntegrityCounters : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { testsupport::enterTestMode(); }

    // Revlog rows must lie in [ok answers, ok + info answers].
    void revlogRows_mustLieBetweenOkAndOkPlusInfo_data()
    {
        QTest::addColumn<int>("okAnswers");
        QTest::addColumn<int>("infoAnswers");
        QTest::addColumn<int>("applied"); // answers the server really committed
        QTest::addColumn<bool>("violation");
        QTest::newRow("exact") << 2 << 0 << 2 << false;
        QTest::newRow("info committed") << 1 << 1 << 2 << false;
        QTest::newRow("info not committed") << 1 << 1 << 1 << false;
        QTest::newRow("two info, one committed") << 0 << 2 << 1 << false;
        QTest::newRow("ok answer lost") << 2 << 1 << 1 << true;
        QTest::newRow("extra row") << 1 << 1 << 3 << true;
        QTest::newRow("row without any answer") << 0 << 0 << 1 << true;
    }

    void revlogRows_mustLieBetweenOkAndOkPlusInfo()
    {
        QFETCH(int, okAnswers);
        QFETCH(int, infoAnswers);
        QFETCH(int, applied);
        QFETCH(bool, violation);
        Run run;
        int reps = 0;
        for (int i = 0; i < applied; ++i)
            reps = run.data.answer(run.alice, run.cardId).state.reps;
        QCOMPARE(reps, applied);
        for (int i = 0; i < okAnswers; ++i)
            run.checker.observe(
                run.history.answer(run.alice, run.cardId, Outcome::Ok, std::min(i + 1, applied)));
        for (int i = 0; i < infoAnswers; ++i)
            run.checker.observe(run.history.answer(run.alice, run.cardId, Outcome::Info));

        const IntegrityReport report = run.checker.finish();
        QCOMPARE(classesOf(report), violation ? u"revlog_mismatch"_s : QString());
        QCOMPARE(report.verdict, violation ? Verdict::Fail : Verdict::Pass);
        if (violation) {
            QCOMPARE(report.violations.first().cardId, run.cardId);
            QCOMPARE(report.violations.first().tag, u"u1_1"_s);
            QVERIFY2(report.violations.first().detail.startsWith(u"%1 revlog rows"_s.arg(applied)),
                qPrintable(report.violations.first().detail));
        }
    }

    void refusedAnswers_doNotCount()
    {
        Run run;
        run.data.answer(run.alice, run.cardId);
        run.checker.observe(run.history.answer(run.alice, run.cardId, Outcome::Ok, 1));
        run.checker.observe(run.history.answer(run.alice, run.cardId, Outcome::Fail)); // 409 already_answered
        QCOMPARE(run.checker.finish().verdict, Verdict::Pass);
    }

    void revlogRowsForAMissingCard_areAMismatch()
    {
        Run run;
        run.data.answer(run.alice, run.cardId);
        run.checker.observe(run.history.answer(run.alice, run.cardId, Outcome::Ok, 1));
        testsupport::execSql(run.data.collectionPath(run.alice),
            {u"INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)"
             " VALUES (1, 777, -1, 3, 1, 0, 2500, 1000, 0)"_s});
        const IntegrityReport report = run.checker.finish();
        QCOMPARE(classesOf(report), u"revlog_mismatch"_s);
        QCOMPARE(report.violations.first().cardId, qint64(777));
        QVERIFY(report.violations.first().detail.contains(u"no such card"_s));
    }

    void repsDisagreeingWithRevlog_isRepsMismatch()
    {
        Run run;
        run.data.answer(run.alice, run.cardId);
        run.checker.observe(run.history.answer(run.alice, run.cardId, Outcome::Ok, 1));
        testsupport::execSql(run.data.collectionPath(run.alice),
            {u"UPDATE cards SET reps = 5 WHERE id = %1"_s.arg(run.cardId)});
        const IntegrityReport report = run.checker.finish();
        QCOMPARE(report.verdict, Verdict::Fail);
        QCOMPARE(classesOf(report), u"reps_mismatch"_s);
        QCOMPARE(report.violations.first().cardId, run.cardId);
        QCOMPARE(report.check(u"revlog"_s)->status, CheckStatus::Pass);
        QCOMPARE(report.check(u"reps"_s)->status, CheckStatus::Fail);
    }

    void repsBelowAnAnsweredReps_isRepsMismatch()
    {
        Run run;
        run.data.answer(run.alice, run.cardId);
        // The response claimed reps 2 although one answer was committed: the
        // revlog range holds (1 ok + 1 info), the reps the server showed does not.
        run.checker.observe(run.history.answer(run.alice, run.cardId, Outcome::Info));
        run.checker.observe(run.history.answer(run.alice, run.cardId, Outcome::Ok, 2));
        const IntegrityReport report = run.checker.finish();
        QCOMPARE(classesOf(report), u"reps_mismatch"_s);
        QVERIFY(report.violations.first().detail.contains(u"returned reps 2"_s));
    }
};

QTEST_GUILESS_MAIN(TestIntegrityCounters)
#include "tst_integritycounters.moc"
