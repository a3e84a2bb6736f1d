#include "integrity/checker.h"
#include "integrity/historychecks.h"
#include "integrityfixture.h"
#include "storage/database.h"
#include "testsupport.h"

#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::integrity;
using javumbo::history::Operation;
using javumbo::history::Outcome;
using javumbo::testsupport::CheckerRun;
using javumbo::testsupport::classesOf;
using javumbo::testsupport::HistoryBuilder;
using javumbo::testsupport::IntegrityDataDir;
using javumbo::testsupport::IntegrityUser;

namespace {

Operation withTimes(Operation operation, const QString &sessionId, qint64 invokeUs, qint64 completeUs)
{
    operation.sessionId = sessionId;
    operation.intendedUs = invokeUs;
    operation.invokeUs = invokeUs;
    operation.completeUs = completeUs;
    return operation;
}

} // namespace

class TestIntegrityHistory : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { testsupport::enterTestMode(); }

    // The logout of s1 completes at 1000 us.
    void sessionAfterLogout_onlyForRequestsInvokedAfterTheLogoutCompleted_data()
    {
        QTest::addColumn<qint64>("invokeUs");
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("logoutFirst"); // the order observe() sees them in
        QTest::addColumn<bool>("violation");
        QTest::newRow("invoked before logout completed, served") << qint64(900) << 200 << true << false;
        QTest::newRow("invoked at the completion") << qint64(1000) << 200 << true << false;
        QTest::newRow("invoked after, served") << qint64(1100) << 200 << true << true;
        QTest::newRow("invoked after, served, observed first") << qint64(1100) << 200 << false << true;
        QTest::newRow("invoked after, refused 401") << qint64(1100) << 401 << true << false;
        QTest::newRow("invoked after, timed out") << qint64(1100) << 0 << false << false;
    }

    void sessionAfterLogout_onlyForRequestsInvokedAfterTheLogoutCompleted()
    {
        QFETCH(qint64, invokeUs);
        QFETCH(int, status);
        QFETCH(bool, logoutFirst);
        QFETCH(bool, violation);
        CheckerRun run;
        const Operation logout = withTimes(run.history.op(u"logout"_s, run.alice), u"s1"_s, 800, 1000);
        Operation late = withTimes(run.history.op(u"stats"_s, run.alice), u"s1"_s, invokeUs, invokeUs + 300);
        late.status = status;
        late.outcome = history::outcomeOfStatus(status);
        // Another session of the same user is not affected by s1's logout.
        const Operation other = withTimes(run.history.op(u"me"_s, run.alice), u"s2"_s, 2000, 2100);
        for (const Operation &operation :
            logoutFirst ? QList {logout, late, other} : QList {late, other, logout})
            run.checker.observe(operation);

        const QList<Violation> live = run.checker.violations();
        QCOMPARE(classesOf(live), violation ? u"session_after_logout"_s : QString());
        const IntegrityReport report = run.checker.finish();
        QCOMPARE(classesOf(report.violations), violation ? u"session_after_logout"_s : QString());
        QCOMPARE(report.verdict, violation ? Verdict::Fail : Verdict::Pass);
        if (violation) {
            QCOMPARE(report.violations.first().seq, late.seq);
            QCOMPARE(report.violations.first().requestId, late.requestId);
            QVERIFY(report.violations.first().detail.contains(u"s1"_s));
        }
    }

    void secondLogoutAccepted_isSessionAfterLogout()
    {
        HistoryChecks checks;
        HistoryBuilder history;
        const IntegrityUser alice {u"alice"_s, 1, {}, {}};
        const Operation second = withTimes(history.op(u"logout"_s, alice), u"s1"_s, 1500, 1600);
        const Operation first = withTimes(history.op(u"logout"_s, alice), u"s1"_s, 800, 1000);
        QVERIFY(checks.add(second).isEmpty());
        const QList<Violation> found = checks.add(first); // arrives late, convicts the second
        QCOMPARE(classesOf(found), u"session_after_logout"_s);
        QCOMPARE(found.first().seq, second.seq);
    }

    void responseNamingAnotherUser_isSessionMixup_data()
    {
        QTest::addColumn<QString>("op");
        QTest::addColumn<bool>("otherId");
        QTest::addColumn<bool>("otherName");
        QTest::newRow("me answers bob's id") << u"me"_s << true << false;
        QTest::newRow("card of bob") << u"get_card"_s << false << true;
        QTest::newRow("login as bob") << u"login"_s << true << true;
    }

    void responseNamingAnotherUser_isSessionMixup()
    {
        QFETCH(QString, op);
        QFETCH(bool, otherId);
        QFETCH(bool, otherName);
        CheckerRun run;
        Operation same = run.history.op(op, run.alice);
        same.observedUserId = run.alice.id;
        same.observedUsername = u"ALICE"_s; // usernames are case-insensitive
        run.checker.observe(same);
        Operation mixed = run.history.op(op, run.alice);
        mixed.observedUserId = otherId ? run.bob.id : 0;
        mixed.observedUsername = otherName ? run.bob.username : QString();
        run.checker.observe(mixed);

        const IntegrityReport report = run.checker.finish();
        QCOMPARE(classesOf(report.violations), u"session_mixup"_s);
        QCOMPARE(report.violations.first().seq, mixed.seq);
        QCOMPARE(report.check(u"session_mixup"_s)->status, CheckStatus::Fail);
    }

    void status500_isServerError()
    {
        CheckerRun run;
        Operation crashed = run.history.op(u"stats"_s, run.alice, Outcome::Info);
        crashed.status = 500;
        crashed.errorCode = u"internal"_s;
        run.checker.observe(crashed);
        Operation busy = run.history.op(u"stats"_s, run.alice, Outcome::Info);
        busy.status = 503; // allowed: the user's lock was busy
        run.checker.observe(busy);

        const IntegrityReport report = run.checker.finish();
        QCOMPARE(report.verdict, Verdict::Fail);
        QCOMPARE(classesOf(report.violations), u"server_error"_s);
        QCOMPARE(report.violations.first().requestId, crashed.requestId);
        QCOMPARE(report.check(u"server_errors"_s)->status, CheckStatus::Fail);
    }

    void registrationsSharingAnIdentity_areDuplicateIdentity_data()
    {
        QTest::addColumn<QString>("username");
        QTest::addColumn<qint64>("id");
        QTest::addColumn<QString>("email");
        QTest::addColumn<QString>("detail");
        QTest::newRow("same id") << u"carol"_s << qint64(1) << u"carol@example.com"_s << u"user id 1"_s;
        QTest::newRow("same username") << u"Alice"_s << qint64(3) << u"other@example.com"_s << u"twice"_s;
        QTest::newRow("same email") << u"carol"_s << qint64(3) << u"ALICE@example.com"_s << u"email"_s;
    }

    void registrationsSharingAnIdentity_areDuplicateIdentity()
    {
        QFETCH(QString, username);
        QFETCH(qint64, id);
        QFETCH(QString, email);
        QFETCH(QString, detail);
        HistoryChecks checks;
        HistoryBuilder history;
        QVERIFY(checks.add(history.registered({u"alice"_s, 1, u"alice@example.com"_s, {}})).isEmpty());
        const QList<Violation> found = checks.add(history.registered({username, id, email, {}}));
        QCOMPARE(classesOf(found), u"duplicate_identity"_s);
        QVERIFY2(found.first().detail.contains(detail), qPrintable(found.first().detail));
    }

    void historyRegistrationsSharingAnEmail_failIdentities()
    {
        IntegrityDataDir data;
        HistoryBuilder history;
        const IntegrityUser alice = data.addUser(u"alice"_s);
        IntegrityUser bob = data.addUser(u"bob"_s);
        Checker checker {CheckerOptions {data.dataDir()}};
        checker.observe(history.registered(alice));
        bob.email = u"Alice@Example.com"_s; // the server accepted a taken email
        const Operation second = history.registered(bob);
        checker.observe(second);

        const IntegrityReport report = checker.finish();
        QCOMPARE(report.verdict, Verdict::Fail);
        QCOMPARE(classesOf(report.violations), u"duplicate_identity"_s);
        QCOMPARE(report.violations.first().seq, second.seq);
        QCOMPARE(report.check(u"identities"_s)->status, CheckStatus::Fail);
    }

    void adminDbDisagreeingWithRegistration_isDuplicateIdentity()
    {
        IntegrityDataDir data;
        HistoryBuilder history;
        const IntegrityUser alice = data.addUser(u"alice"_s);
        Checker checker {CheckerOptions {data.dataDir()}};
        // The server answered id 11 and wrote user_11.db, but admin.db holds alice as id 1.
        IntegrityUser claimed = alice;
        claimed.id = 11;
        storage::Database::closeAllOnThisThread();
        QVERIFY(QFile::copy(data.collectionPath(alice), data.collectionPath(claimed)));
        checker.observe(history.registered(claimed));

        const IntegrityReport report = checker.finish();
        QCOMPARE(classesOf(report.violations), u"duplicate_identity"_s);
        QVERIFY2(report.violations.first().detail.contains(u"admin.db holds id %1"_s.arg(alice.id)),
            qPrintable(report.violations.first().detail));
        QCOMPARE(report.check(u"identities"_s)->status, CheckStatus::Fail);
        QCOMPARE(report.check(u"database_files"_s)->status, CheckStatus::Pass);
    }

    void missingOrExtraCollectionFile_isDatabaseFiles()
    {
        CheckerRun run;
        storage::Database::closeAllOnThisThread();
        QVERIFY(QFile::copy(run.data.collectionPath(run.bob),
            run.data.dataDir() + u"/user_dbs/user_0%1.db"_s.arg(run.bob.id)));
        QVERIFY(QFile::remove(run.data.collectionPath(run.alice)));
        // Files of accounts the run did not create are none of its business.
        QVERIFY(
            QFile::copy(run.data.collectionPath(run.bob), run.data.dataDir() + u"/user_dbs/user_99.db"_s));

        const IntegrityReport report = run.checker.finish();
        QCOMPARE(classesOf(report.violations), u"database_files,database_files"_s);
        QStringList users {report.violations.at(0).username, report.violations.at(1).username};
        users.sort();
        QCOMPARE(users, (QStringList {u"alice"_s, u"bob"_s}));
        QCOMPARE(report.check(u"database_files"_s)->status, CheckStatus::Fail);
    }

    void damagedFile_failsIntegrityCheck()
    {
        CheckerRun run;
        for (int i = 0; i < 20; ++i) {
            const QString tag = u"u1_%1"_s.arg(i);
            const auto card = run.data.addCard(
                run.alice, HistoryBuilder::front(run.alice, tag), HistoryBuilder::back(tag));
            run.checker.observe(run.history.addCard(run.alice, tag, Outcome::Ok, card.cardId));
        }
        storage::Database::closeAllOnThisThread();
        // An index that no longer matches its table: readable, but damaged.
        testsupport::execSql(run.data.collectionPath(run.alice),
            {u"PRAGMA writable_schema = ON"_s,
                u"UPDATE sqlite_master SET sql = 'CREATE INDEX ix_cards_nid ON cards (ord)'"
                " WHERE name = 'ix_cards_nid'"_s});

        const IntegrityReport report = run.checker.finish();
        QCOMPARE(classesOf(report.violations), u"integrity_check"_s);
        QCOMPARE(report.violations.first().username, u"alice"_s);
        QVERIFY2(report.violations.first().detail.contains(u"ix_cards_nid"_s),
            qPrintable(report.violations.first().detail));
        QCOMPARE(report.check(u"integrity_check"_s)->status, CheckStatus::Fail);
    }

    // Behind a load balancer (requests.jsonl names each request's instance):
    // one server proves nothing here and needs nothing; several must show the
    // hot user's writes on more than one of them, else the verdict is UNKNOWN.
    void instances_hotUserWritesMustReachSeveralInstances_data()
    {
        QTest::addColumn<QStringList>("othersOn"); // the instances answering alice, one op each
        QTest::addColumn<QStringList>("hotWritesOn"); // the instances acknowledging bob's hot-user adds
        QTest::addColumn<CheckStatus>("status");
        QTest::addColumn<bool>("required");
        QTest::addColumn<Verdict>("verdict");
        QTest::addColumn<QString>("detail");
        QTest::newRow("no instance named") << QStringList {} << QStringList {} << CheckStatus::Pass << false
                                           << Verdict::Pass << u"no instance named"_s;
        QTest::newRow("one instance")
            << QStringList {u"a"_s} << QStringList {u"a"_s, u"a"_s} << CheckStatus::Pass << false
            << Verdict::Pass << u"one instance answered: a"_s;
        QTest::newRow("two, hot user pinned to one")
            << QStringList {u"a"_s, u"b"_s} << QStringList {u"a"_s, u"a"_s, u"a"_s} << CheckStatus::Unknown
            << true << Verdict::Unknown << u"acknowledged writes reached only a"_s;
        QTest::newRow("two, hot user absent")
            << QStringList {u"a"_s, u"b"_s} << QStringList {} << CheckStatus::Unknown << true
            << Verdict::Unknown << u"0 acknowledged writes reached none"_s;
        QTest::newRow("two, hot user on both")
            << QStringList {u"a"_s, u"b"_s} << QStringList {u"b"_s, u"a"_s} << CheckStatus::Pass << true
            << Verdict::Pass
            << u"2 instances answered (a, b); the hot user's 2 acknowledged writes reached a, b"_s;
    }

    void instances_hotUserWritesMustReachSeveralInstances()
    {
        QFETCH(QStringList, othersOn);
        QFETCH(QStringList, hotWritesOn);
        QFETCH(CheckStatus, status);
        QFETCH(bool, required);
        QFETCH(Verdict, verdict);
        QFETCH(QString, detail);
        CheckerRun run;
        for (const QString &instance : std::as_const(othersOn)) {
            Operation me = run.history.op(u"me"_s, run.alice);
            me.instance = instance;
            run.checker.observe(me);
        }
        for (qsizetype i = 0; i < hotWritesOn.size(); ++i) {
            Operation added = run.store(run.bob, run.bob, u"u2_%1"_s.arg(i + 1));
            added.scenario = u"hot_user"_s;
            added.instance = hotWritesOn.at(i);
            run.checker.observe(added);
        }
        // A refused write on the other instance does not count: only acknowledged ones prove anything.
        if (hotWritesOn.size() == 3) {
            Operation refused = run.history.addCard(run.bob, u"u2_99"_s, Outcome::Fail);
            refused.scenario = u"hot_user"_s;
            refused.instance = u"b"_s;
            run.checker.observe(refused);
        }

        const IntegrityReport report = run.checker.finish();
        const auto check = report.check(u"instances"_s);
        QVERIFY(check);
        QVERIFY2(check->status == status, qPrintable(check->detail));
        QCOMPARE(check->required, required);
        QVERIFY2(check->detail.contains(detail), qPrintable(check->detail));
        QCOMPARE(report.verdict, verdict);
    }
};

QTEST_GUILESS_MAIN(TestIntegrityHistory)
#include "tst_integrityhistory.moc"
