#include "integrity/checks.h"
#include "integrityfixture.h"
#include "testsupport.h"

#include "storage/database.h"

#include <QFile>
#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::integrity;
using javumbo::history::Outcome;
using javumbo::testsupport::CheckerRun;
using javumbo::testsupport::classesOf;
using javumbo::testsupport::HistoryBuilder;
using javumbo::testsupport::IntegrityUser;

namespace {

QString failingChecks(const IntegrityReport &report)
{
    QStringList names;
    for (const CheckOutcome &check : report.checks) {
        if (check.status != CheckStatus::Pass && check.required)
            names.append(
                check.name % u"="_s % checkStatusName(check.status) % u" ("_s % check.detail % u")"_s);
    }
    return names.join(u"; "_s);
}

} // namespace

class TestIntegritySets : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { testsupport::enterTestMode(); }

    void cleanHistory_passesEveryCheck()
    {
        CheckerRun run;
        const qint64 verbs = run.data.createDeck(run.alice, u"Verbs"_s);
        run.stored(run.alice, u"u1_1"_s, verbs, u"Verbs"_s);
        run.stored(run.alice, u"u1_2"_s);
        const auto bobs = run.stored(run.bob, u"u2_1"_s);
        run.data.answer(run.bob, bobs.cardId);
        run.checker.observe(run.history.answer(run.bob, bobs.cardId, Outcome::Ok, 1));
        run.checker.observe(run.history.op(u"logout"_s, run.bob));

        const IntegrityReport report = run.checker.finish();
        QVERIFY2(report.violations.isEmpty(), qPrintable(classesOf(report)));
        QCOMPARE(report.verdict, Verdict::Pass);
        QVERIFY2(failingChecks(report).isEmpty(), qPrintable(failingChecks(report)));
        QCOMPARE(report.path, u"direct"_s);
        QCOMPARE(report.lane, (Lane {3, 3, 0, 0}));
        for (const QString &name : {u"lost"_s, u"misplaced"_s, u"phantom"_s, u"duplicated"_s, u"mismatched"_s,
                 u"revlog"_s, u"reps"_s, u"session_mixup"_s, u"session_after_logout"_s, u"identities"_s,
                 u"database_files"_s, u"integrity_check"_s, u"server_errors"_s, u"info_resolved"_s}) {
            QVERIFY2(report.check(name), qPrintable(name));
            QCOMPARE(report.check(name)->status, CheckStatus::Pass);
        }
        QCOMPARE(report.toJson().value(u"verdict"_s).toString(), u"PASS"_s);
        // The dashboard lists checkNames() before the audit has run: the audit's checks, in its order.
        QStringList reported;
        for (const CheckOutcome &check : report.checks)
            reported.append(check.name);
        QCOMPARE(reported, checkNames());
    }

    // A live violation turns the dashboard's row of checkFor(its class) red
    // before the audit: that row must be one the audit reports.
    void everyViolationClass_failsACheckOfTheAudit()
    {
        const QStringList names = checkNames();
        for (int c = int(ViolationClass::Lost); c <= int(ViolationClass::ServerError); ++c) {
            const auto violationClass = ViolationClass(c);
            QVERIFY2(names.contains(checkName(checkFor(violationClass))),
                qPrintable(violationClassName(violationClass)));
        }
        QCOMPARE(checkFor(ViolationClass::RevlogMismatch), Check::Revlog);
        QCOMPARE(checkFor(ViolationClass::DuplicateIdentity), Check::Identities);
        QCOMPARE(checkFor(ViolationClass::ServerError), Check::ServerErrors);
    }

    void acknowledgedButMissing_isLost()
    {
        CheckerRun run;
        run.stored(run.alice, u"u1_1"_s);
        const auto lost = run.history.addCard(run.alice, u"u1_2"_s, Outcome::Ok, 4242);
        run.checker.observe(lost);

        const IntegrityReport report = run.checker.finish();
        QCOMPARE(report.verdict, Verdict::Fail);
        QCOMPARE(classesOf(report), u"lost"_s);
        const Violation &violation = report.violations.first();
        QCOMPARE(violation.tag, u"u1_2"_s);
        QCOMPARE(violation.username, u"alice"_s);
        QCOMPARE(violation.userId, run.alice.id);
        QCOMPARE(violation.seq, lost.seq);
        QCOMPARE(violation.requestId, lost.requestId);
        QCOMPARE(violation.cardId, qint64(4242));
        QCOMPARE(report.check(u"lost"_s)->status, CheckStatus::Fail);
        QCOMPARE(report.check(u"misplaced"_s)->status, CheckStatus::Pass);
        QCOMPARE(report.lane, (Lane {2, 1, 0, 1}));
        QCOMPARE(
            report.toJson().value(u"violations"_s).toArray().first().toObject().value(u"class"_s).toString(),
            u"lost"_s);
    }

    void cardInAnotherUsersCollection_isMisplacedNotLost()
    {
        CheckerRun run;
        // Alice's acknowledged card was written into Bob's collection.
        const auto card = run.data.addCard(
            run.bob, HistoryBuilder::front(run.alice, u"u1_1"_s), HistoryBuilder::back(u"u1_1"_s));
        run.checker.observe(run.history.addCard(run.alice, u"u1_1"_s, Outcome::Ok, card.cardId));

        const IntegrityReport report = run.checker.finish();
        QCOMPARE(report.verdict, Verdict::Fail);
        QCOMPARE(classesOf(report), u"misplaced"_s);
        const Violation &violation = report.violations.first();
        QCOMPARE(violation.username, u"alice"_s);
        QCOMPARE(violation.cardId, card.cardId);
        QVERIFY2(violation.detail.contains(u"bob"_s), qPrintable(violation.detail));
        QCOMPARE(report.check(u"lost"_s)->status, CheckStatus::Pass);
    }

    void copyInOwnerAndInAnother_isMisplaced()
    {
        CheckerRun run;
        run.stored(run.alice, u"u1_1"_s);
        run.data.addCard(
            run.bob, HistoryBuilder::front(run.alice, u"u1_1"_s), HistoryBuilder::back(u"u1_1"_s));
        const IntegrityReport report = run.checker.finish();
        QCOMPARE(classesOf(report), u"misplaced"_s);
        QCOMPARE(report.lane, (Lane {1, 0, 0, 1}));
    }

    void unattemptedOrUnmarkedCard_isPhantom()
    {
        CheckerRun run;
        run.stored(run.alice, u"u1_1"_s);
        run.data.addCard(run.alice, u"[USER:alice] never sent"_s, u"[MARKER:u9_9]"_s);
        run.data.addCard(run.bob, u"no marker at all"_s, u"plain"_s);

        const IntegrityReport report = run.checker.finish();
        QCOMPARE(report.verdict, Verdict::Fail);
        QCOMPARE(classesOf(report), u"phantom,phantom"_s);
        QCOMPARE(report.count(ViolationClass::Phantom), 2);
        QStringList owners {report.violations.at(0).username, report.violations.at(1).username};
        owners.sort();
        QCOMPARE(owners, (QStringList {u"alice"_s, u"bob"_s}));
        QCOMPARE(report.lane, (Lane {1, 1, 0, 0}));
    }

    void refusedAttemptThatExists_isPhantom()
    {
        CheckerRun run;
        run.data.addCard(
            run.alice, HistoryBuilder::front(run.alice, u"u1_1"_s), HistoryBuilder::back(u"u1_1"_s));
        run.checker.observe(run.history.addCard(run.alice, u"u1_1"_s, Outcome::Fail));
        const IntegrityReport report = run.checker.finish();
        QCOMPARE(classesOf(report), u"phantom"_s);
        QVERIFY(report.violations.first().detail.contains(u"refused"_s));
    }

    void refusedAttemptThatDoesNotExist_passes()
    {
        CheckerRun run;
        run.checker.observe(run.history.addCard(run.alice, u"u1_1"_s, Outcome::Fail));
        const IntegrityReport report = run.checker.finish();
        QCOMPARE(report.verdict, Verdict::Pass);
        QCOMPARE(report.lane, (Lane {}));
    }

    void twoCardsWithOneMarker_areDuplicated()
    {
        CheckerRun run;
        run.stored(run.alice, u"u1_1"_s);
        run.data.addCard(
            run.alice, HistoryBuilder::front(run.alice, u"u1_1"_s), HistoryBuilder::back(u"u1_1"_s));
        const IntegrityReport report = run.checker.finish();
        QCOMPARE(report.verdict, Verdict::Fail);
        QCOMPARE(classesOf(report), u"duplicated"_s);
        QVERIFY(report.violations.first().detail.startsWith(u"2 cards"_s));
    }

    void contentOrDeckDiffers_isMismatched_data()
    {
        QTest::addColumn<QString>("storedFront");
        QTest::addColumn<QString>("storedBack");
        QTest::addColumn<bool>("inVerbs");
        QTest::addColumn<QString>("detail");
        const QString front = HistoryBuilder::front({u"alice"_s, 0, {}, {}}, u"u1_1"_s);
        const QString back = HistoryBuilder::back(u"u1_1"_s);
        QTest::newRow("wrong deck") << front << back << false << u"deck"_s;
        QTest::newRow("wrong front") << (front + u"!"_s) << back << true << u"front"_s;
        QTest::newRow("wrong back") << front << (u"gone "_s + back) << true << u"back"_s;
    }

    void contentOrDeckDiffers_isMismatched()
    {
        QFETCH(QString, storedFront);
        QFETCH(QString, storedBack);
        QFETCH(bool, inVerbs);
        QFETCH(QString, detail);
        CheckerRun run;
        const qint64 verbs = run.data.createDeck(run.alice, u"Verbs"_s);
        const auto card = run.data.addCard(run.alice, storedFront, storedBack, inVerbs ? verbs : 1);
        run.checker.observe(run.history.addCard(run.alice, u"u1_1"_s, Outcome::Ok, card.cardId, u"Verbs"_s));

        const IntegrityReport report = run.checker.finish();
        QCOMPARE(report.verdict, Verdict::Fail);
        QCOMPARE(classesOf(report), u"mismatched"_s);
        QVERIFY2(report.violations.first().detail.startsWith(detail),
            qPrintable(report.violations.first().detail));
        QCOMPARE(report.violations.first().cardId, card.cardId);
    }

    // Issue 14: a lone surrogate in the request was acknowledged as sent, but storage wrote
    // invalid UTF-8 (in the back), or combined it with the field separator (in the front: front =
    // ... U+1001F + back, back empty). Whatever the server answered, the checker compares it with
    // what the collection holds. The first is `mismatched`; the second moved the marker out of the
    // back, where the checker looks for it, so the acknowledged card is `lost` and the stored one a
    // `phantom`: a failed verdict either way.
    void surrogateDamagedNote_failsTheCheck_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("classes");
        QTest::addColumn<QString>("detail");
        QTest::newRow("back stored as invalid UTF-8")
            << u"invalid utf-8"_s << u"mismatched"_s << u"back sent"_s;
        QTest::newRow("separator swallowed into the front")
            << u"swallowed"_s << u"lost,phantom"_s << u"acknowledged as card"_s;
    }

    void surrogateDamagedNote_failsTheCheck()
    {
        QFETCH(QString, damage);
        QFETCH(QString, classes);
        QFETCH(QString, detail);
        CheckerRun run;
        const QString front = HistoryBuilder::front(run.alice, u"u1_1"_s);
        const QString back = HistoryBuilder::back(u"u1_1"_s);
        collection::CardRecord card;
        if (damage == u"swallowed"_s) {
            // What the lenient reader made of "<front>\ud800" + separator + back: one field.
            card = run.data.addCard(run.alice, front + QString::fromUcs4(U"\U0001001F") + back, QString());
        } else {
            card = run.data.addCard(run.alice, front, back);
            // The back's bytes as storage wrote a lone surrogate: ED A0 80 is no UTF-8.
            const QByteArray stored = front.toUtf8() + '\x1f' + back.toUtf8() + "\xed\xa0\x80";
            testsupport::execSql(run.data.collectionPath(run.alice),
                QStringList {u"UPDATE notes SET flds = CAST(X'%1' AS TEXT)"_s.arg(
                    QString::fromLatin1(stored.toHex()))});
        }
        run.checker.observe(run.history.addCard(run.alice, u"u1_1"_s, Outcome::Ok, card.cardId));

        const IntegrityReport report = run.checker.finish();
        QCOMPARE(report.verdict, Verdict::Fail);
        QCOMPARE(classesOf(report), classes);
        QVERIFY2(report.violations.first().detail.startsWith(detail),
            qPrintable(report.violations.first().detail));
        QCOMPARE(report.violations.first().cardId, card.cardId);
    }

    void deckNamesCompareCaseInsensitively()
    {
        CheckerRun run;
        const qint64 verbs = run.data.createDeck(run.alice, u"Verbs"_s);
        run.stored(run.alice, u"u1_1"_s, verbs, u"verbs"_s);
        QCOMPARE(run.checker.finish().verdict, Verdict::Pass);
    }

    void unknownOutcomes_resolveToRecoveredOrAbsent()
    {
        CheckerRun run;
        // Timed out but committed, then a retry timed out too: one card, recovered.
        run.data.addCard(
            run.alice, HistoryBuilder::front(run.alice, u"u1_1"_s), HistoryBuilder::back(u"u1_1"_s));
        run.checker.observe(run.history.addCard(run.alice, u"u1_1"_s, Outcome::Info));
        run.checker.observe(run.history.addCard(run.alice, u"u1_1"_s, Outcome::Info));
        // Timed out and never committed: absent, which is not a loss.
        run.checker.observe(run.history.addCard(run.alice, u"u1_2"_s, Outcome::Info));
        run.checker.observe(run.history.addCard(run.bob, u"u2_1"_s, Outcome::Info));

        const IntegrityReport report = run.checker.finish();
        QVERIFY2(report.violations.isEmpty(), qPrintable(classesOf(report)));
        QCOMPARE(report.verdict, Verdict::Pass);
        QCOMPARE(report.recovered, 1);
        QCOMPARE(report.absent, 2);
        QCOMPARE(report.unresolved, 0);
        QCOMPARE(report.lane, (Lane {}));
        QCOMPARE(report.check(u"info_resolved"_s)->status, CheckStatus::Pass);
    }

    void infoThenOkRetry_isAcknowledged()
    {
        CheckerRun run;
        run.checker.observe(run.history.addCard(run.alice, u"u1_1"_s, Outcome::Info));
        run.stored(run.alice, u"u1_1"_s);
        const IntegrityReport report = run.checker.finish();
        QCOMPARE(report.verdict, Verdict::Pass);
        QCOMPARE(report.lane, (Lane {1, 1, 0, 0}));
        QCOMPARE(report.recovered, 0);
    }

    void noWayToReadTheServer_isUnknown()
    {
        HistoryBuilder history;
        const IntegrityUser alice {u"alice"_s, 1, u"alice@example.com"_s, {}};
        Checker checker {CheckerOptions {}};
        checker.observe(history.registered(alice));
        checker.observe(history.addCard(alice, u"u1_1"_s, Outcome::Ok, 1));
        checker.observe(history.addCard(alice, u"u1_2"_s, Outcome::Info));
        const IntegrityReport report = checker.finish();
        QCOMPARE(report.verdict, Verdict::Unknown);
        QCOMPARE(report.path, u"none"_s);
        QCOMPARE(report.check(u"lost"_s)->status, CheckStatus::Unknown);
        QCOMPARE(report.unresolved, 1);
        QCOMPARE(report.lane, (Lane {1, 0, 1, 0}));
    }

    void unreadableOwnerCollection_isUnknownNotLost()
    {
        CheckerRun run;
        run.stored(run.alice, u"u1_1"_s);
        run.stored(run.bob, u"u2_1"_s);
        storage::Database::closeAllOnThisThread();
        QVERIFY(QFile::remove(run.data.collectionPath(run.bob)));

        const IntegrityReport report = run.checker.finish();
        QCOMPARE(report.verdict, Verdict::Fail); // the missing file itself
        QCOMPARE(classesOf(report), u"database_files"_s);
        QCOMPARE(report.check(u"lost"_s)->status, CheckStatus::Unknown);
        QCOMPARE(report.lane, (Lane {2, 1, 1, 0}));
    }
};

QTEST_GUILESS_MAIN(TestIntegritySets)
#include "tst_integritysets.moc"
