#include "integrityfixture.h"
#include "testsupport.h"

#include <QTest>
#include <QThread>

#include <atomic>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::integrity;
using javumbo::history::Operation;
using javumbo::history::Outcome;
using javumbo::testsupport::CheckerRun;
using javumbo::testsupport::classesOf;
using javumbo::testsupport::HistoryBuilder;
using javumbo::testsupport::IntegrityUser;

class TestIntegrityIncremental : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { testsupport::enterTestMode(); }

    void acknowledgedCards_movePendingToVerified()
    {
        CheckerRun run;
        run.checker.observe(run.store(run.alice, run.alice, u"u1_1"_s));
        run.checker.observe(run.store(run.bob, run.bob, u"u2_1"_s));
        run.checker.observe(run.history.addCard(run.alice, u"u1_2"_s, Outcome::Info)); // not acknowledged
        QCOMPARE(run.checker.lane(), (Lane {2, 0, 2, 0}));

        run.checker.verifyPending();
        QCOMPARE(run.checker.lane(), (Lane {2, 2, 0, 0}));

        // Only what was added since the last pass is read, and found.
        run.checker.observe(run.store(run.alice, run.alice, u"u1_3"_s));
        QCOMPARE(run.checker.lane(), (Lane {3, 2, 1, 0}));
        run.checker.verifyPending();
        QCOMPARE(run.checker.lane(), (Lane {3, 3, 0, 0}));
        QVERIFY(run.checker.violations().isEmpty());
        QCOMPARE(run.checker.finish().verdict, Verdict::Pass);
    }

    void missingCard_staysPendingOnePass_thenIsLost()
    {
        CheckerRun run;
        run.checker.observe(run.store(run.alice, run.alice, u"u1_1"_s));
        const Operation lost = run.history.addCard(run.alice, u"u1_2"_s, Outcome::Ok, 999);
        run.checker.observe(lost);

        run.checker.verifyPending();
        QCOMPARE(run.checker.lane(), (Lane {2, 1, 1, 0}));
        QVERIFY(run.checker.violations().isEmpty());

        run.checker.verifyPending();
        QCOMPARE(run.checker.lane(), (Lane {2, 1, 0, 1}));
        const QList<Violation> violations = run.checker.violations();
        QCOMPARE(classesOf(violations), u"lost"_s);
        QCOMPARE(violations.first().seq, lost.seq);

        const IntegrityReport report = run.checker.finish();
        QCOMPARE(classesOf(report.violations), u"lost"_s);
        QCOMPARE(run.checker.lane(), (Lane {2, 1, 0, 1}));
    }

    void cardSeenLate_isVerifiedByTheConfirmingPass()
    {
        CheckerRun run;
        // The acknowledgement is observed before a pass can see the row (read
        // timing): one miss is forgiven, and the confirming pass rereads in full.
        run.checker.observe(run.history.addCard(run.alice, u"u1_1"_s, Outcome::Ok, 1));
        run.checker.verifyPending();
        QCOMPARE(run.checker.lane(), (Lane {1, 0, 1, 0}));
        run.data.addCard(
            run.alice, HistoryBuilder::front(run.alice, u"u1_1"_s), HistoryBuilder::back(u"u1_1"_s));
        run.checker.verifyPending();
        QCOMPARE(run.checker.lane(), (Lane {1, 1, 0, 0}));
        QVERIFY(run.checker.violations().isEmpty());
    }

    void misplacedCard_isViolatedAtTheFirstPass()
    {
        CheckerRun run;
        run.checker.observe(run.store(run.alice, run.bob, u"u1_1"_s));
        run.checker.verifyPending();
        QCOMPARE(run.checker.lane(), (Lane {1, 0, 0, 1}));
        QCOMPARE(classesOf(run.checker.violations()), u"misplaced"_s);
    }

    void historyViolations_areLiveBeforeAnyPass()
    {
        CheckerRun run;
        Operation crashed = run.history.op(u"add_card"_s, run.alice, Outcome::Info);
        crashed.status = 500;
        run.checker.observe(crashed);
        QCOMPARE(classesOf(run.checker.violations()), u"server_error"_s);
    }

    // Writers observe from several threads while a background thread verifies.
    void observeFromManyThreads_whileVerifying()
    {
        CheckerRun run;
        constexpr int kThreads = 4;
        constexpr int kCardsPerThread = 60;
        // Cards are written up front (the test thread owns the write
        // connections); the writer threads only report them, in parallel.
        QList<QList<Operation>> perThread(kThreads);
        for (int t = 0; t < kThreads; ++t) {
            const IntegrityUser &user = t % 2 == 0 ? run.alice : run.bob;
            for (int i = 0; i < kCardsPerThread; ++i)
                perThread[t].append(run.store(user, user, u"t%1_%2"_s.arg(t).arg(i)));
        }
        std::atomic<bool> writing {true};
        std::atomic<int> passes {0};
        std::unique_ptr<QThread> verifier(QThread::create([&] {
            while (writing.load() || passes.load() < 1) {
                run.checker.verifyPending();
                passes.fetch_add(1);
            }
        }));
        verifier->start();
        QList<QThread *> writers;
        for (int t = 0; t < kThreads; ++t) {
            writers.append(QThread::create([&run, operations = perThread.at(t)] {
                for (const Operation &operation : operations)
                    run.checker.observe(operation);
            }));
            writers.last()->start();
        }
        for (QThread *writer : writers) {
            QVERIFY(writer->wait(30000));
            delete writer;
        }
        writing.store(false);
        QVERIFY(verifier->wait(30000));
        QVERIFY(passes.load() >= 1);

        const Lane live = run.checker.lane();
        QCOMPARE(live.acknowledged, kThreads * kCardsPerThread);
        QCOMPARE(live.violated, 0);
        QCOMPARE(live.verified + live.pending, live.acknowledged);
        run.checker.verifyPending();
        QCOMPARE(run.checker.lane(), (Lane {kThreads * kCardsPerThread, kThreads * kCardsPerThread, 0, 0}));

        const IntegrityReport report = run.checker.finish();
        QCOMPARE(report.verdict, Verdict::Pass);
        QCOMPARE(report.lane.verified, kThreads * kCardsPerThread);
    }
};

QTEST_GUILESS_MAIN(TestIntegrityIncremental)
#include "tst_integrityincremental.moc"
