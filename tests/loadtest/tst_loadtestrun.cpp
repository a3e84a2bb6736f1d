// The load tester end to end against a real server on a loopback port: a
// clean run passes (validated in the files and through the API only), a
// planted cross-user race is caught, reports are written and read back, and
// thresholds and an unreachable server give their exit codes.
#include "integrity/checker.h"
#include "loadtest/loadtestrunner.h"
#include "loadtest/runreport.h"
#include "testserver.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::loadtest;
using javumbo::history::Operation;
using javumbo::history::Outcome;

class TestLoadTestRun : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanRun_passesWithDirectValidation();
    void cleanRun_passesThroughTheApiOnly();
    void openModel_countsLatencyFromTheIntendedStart();
    void sharedSessionSlot_isCaughtAsMisplacedOrMixedUp();
    void failedThreshold_exitsOneWhenIntegrityPasses();
    void unreachableServer_couldNotRun();
    void stopMidRun_endsAndStillAudits();
    void report_isWrittenAndCheckedAgainOffline();

private:
    static RunTarget targetOf(testsupport::TestServer &server, bool direct);
    static LoadProfile shortProfile(quint64 seed);
};

void TestLoadTestRun::initTestCase()
{
    testsupport::enterTestMode();
}

RunTarget TestLoadTestRun::targetOf(testsupport::TestServer &server, bool direct)
{
    RunTarget target;
    target.port = server.port();
    target.description = u"test server"_s;
    if (direct)
        target.dataDir = server.dataDir();
    return target;
}

LoadProfile TestLoadTestRun::shortProfile(quint64 seed)
{
    LoadProfile profile = LoadProfile::quick();
    profile.seed = seed;
    return profile;
}

void TestLoadTestRun::cleanRun_passesWithDirectValidation()
{
    testsupport::TestServer server;
    LoadTestRunner runner(shortProfile(11), targetOf(server, true), {});
    std::atomic<int> snapshots {0};
    runner.setSnapshotCallback([&](const RunSnapshot &) { ++snapshots; });
    const RunResult result = runner.run();

    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QCOMPARE(result.integrity.path, u"direct"_s);
    QCOMPARE(integrity::verdictName(result.integrity.verdict), u"PASS"_s);
    QCOMPARE(result.exit, RunExit::Pass);
    QVERIFY(result.integrity.violations.isEmpty());
    // Every acknowledged card was found where it belongs.
    QVERIFY(result.integrity.lane.acknowledged > 50);
    QCOMPARE(result.integrity.lane.verified, result.integrity.lane.acknowledged);

    // Every scenario of the plan took part.
    QSet<QString> scenarios;
    qsizetype registered = 0;
    for (const Operation &operation : result.history) {
        scenarios.insert(operation.scenario);
        registered += operation.op == u"register"_s && operation.outcome == Outcome::Ok;
        QVERIFY(operation.invokeUs <= operation.completeUs);
    }
    for (const QString &scenario : {u"registration"_s, u"setup"_s, u"writers"_s, u"reviewers"_s,
             u"sessions"_s, u"hot_user"_s, u"retries"_s})
        QVERIFY2(scenarios.contains(scenario), qPrintable(scenario));
    QCOMPARE(registered, result.accounts.size());
    // The audit and the end always publish, whatever the run's length.
    QVERIFY(snapshots >= 2);
    QCOMPARE(result.finalSnapshot.phase, RunSnapshot::Phase::Finished);
    QCOMPARE(result.finalSnapshot.progress, 1.0);
}

void TestLoadTestRun::cleanRun_passesThroughTheApiOnly()
{
    testsupport::TestServer::Options options;
    options.instanceId = u"node-x"_s; // as serve --instance-id: every answer names it
    testsupport::TestServer server(options);
    LoadTestRunner runner(shortProfile(12), targetOf(server, false), {});
    const RunResult result = runner.run();
    QCOMPARE(result.integrity.path, u"api"_s);
    QCOMPARE(integrity::verdictName(result.integrity.verdict), u"PASS"_s);
    QCOMPARE(result.integrity.lane.verified, result.integrity.lane.acknowledged);

    // The history says which instance answered each request, in requests.jsonl too.
    qsizetype answered = 0;
    for (const Operation &operation : result.history) {
        if (operation.status == 0)
            continue;
        ++answered;
        QCOMPARE(operation.instance, u"node-x"_s);
        const auto reread = Operation::fromJson(operation.toJson());
        QVERIFY(reread);
        QCOMPARE(reread->instance, u"node-x"_s);
    }
    QVERIFY(answered > 50);
}

void TestLoadTestRun::openModel_countsLatencyFromTheIntendedStart()
{
    testsupport::TestServer server;
    LoadProfile profile = shortProfile(13);
    profile.model = LoadProfile::Model::Open;
    profile.openRate = 400;
    LoadTestRunner runner(profile, targetOf(server, true), {});
    const RunResult result = runner.run();
    QCOMPARE(integrity::verdictName(result.integrity.verdict), u"PASS"_s);
    int scheduled = 0;
    for (const Operation &operation : result.history) {
        QVERIFY(operation.intendedUs <= operation.invokeUs);
        QVERIFY(operation.latencyUs() >= operation.serviceUs());
        scheduled += operation.scenario == u"writers"_s && operation.op == u"add_card"_s;
    }
    QVERIFY(scheduled > 0);
}

void TestLoadTestRun::sharedSessionSlot_isCaughtAsMisplacedOrMixedUp()
{
    testsupport::TestServer::Options options;
    options.fault = Fault::SharedSessionSlot;
    testsupport::TestServer server(options);
    LoadTestRunner runner(shortProfile(14), targetOf(server, true), {});
    const RunResult result = runner.run();
    QCOMPARE(result.exit, RunExit::IntegrityViolation);
    QCOMPARE(integrity::verdictName(result.integrity.verdict), u"FAIL"_s);
    const qsizetype crossUser = result.integrity.count(integrity::ViolationClass::Misplaced)
        + result.integrity.count(integrity::ViolationClass::SessionMixup);
    QVERIFY2(crossUser > 0, "the cross-user race went unnoticed");
    // Each violation names what is needed to find it again: the user, and the
    // request (history classes) or the card's tag (classes found in the files).
    using Class = integrity::ViolationClass;
    for (const integrity::Violation &violation : result.integrity.violations) {
        const QByteArray what = QJsonDocument(violation.toJson()).toJson(QJsonDocument::Compact);
        QVERIFY2(!violation.username.isEmpty(), what.constData());
        if (violation.violationClass == Class::SessionMixup)
            QVERIFY2(violation.seq > 0 && !violation.requestId.isEmpty(), what.constData());
        if (violation.violationClass == Class::Misplaced || violation.violationClass == Class::Lost)
            QVERIFY2(!violation.tag.isEmpty(), what.constData());
    }
}

void TestLoadTestRun::failedThreshold_exitsOneWhenIntegrityPasses()
{
    testsupport::TestServer server;
    LoadProfile profile = shortProfile(15);
    profile.users = 3;
    profile.hotUser.clients = 0;
    profile.retries.workers = 0;
    const QList<Threshold> thresholds {
        *Threshold::parse(u"add_card.count>=1"_s), *Threshold::parse(u"add_card.max<0.001ms"_s)};
    LoadTestRunner runner(profile, targetOf(server, true), thresholds);
    const RunResult result = runner.run();
    QCOMPARE(integrity::verdictName(result.integrity.verdict), u"PASS"_s);
    QCOMPARE(result.thresholds.size(), 2);
    QVERIFY(result.thresholds[0].passed);
    QVERIFY(!result.thresholds[1].passed);
    QCOMPARE(result.exit, RunExit::ThresholdFailed);
}

void TestLoadTestRun::unreachableServer_couldNotRun()
{
    quint16 port = 0;
    {
        QTcpServer probe; // a port that was free a moment ago and is closed now
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    RunTarget target;
    target.port = port;
    LoadTestRunner runner(shortProfile(16), target, {});
    const RunResult result = runner.run();
    QCOMPARE(result.exit, RunExit::CouldNotRun);
    QVERIFY2(result.error.contains(u"cannot reach"_s), qPrintable(result.error));
}

void TestLoadTestRun::stopMidRun_endsAndStillAudits()
{
    testsupport::TestServer server;
    LoadProfile profile = shortProfile(18);
    // Long enough that a stop lands while virtual users run or are being started.
    profile.writers = {0.34, {1, 2}, 2, {40, 40}, {100, 200}};
    profile.reviewers.thinkMs = {100, 200};
    LoadTestRunner runner(profile, targetOf(server, true), {});
    runner.setSnapshotCallback([&runner](const RunSnapshot &snapshot) {
        if (snapshot.phase == RunSnapshot::Phase::Running)
            runner.requestStop();
    });
    const RunResult result = runner.run();
    // Stopped early: far fewer writer cards than planned, and still a full audit of what ran.
    qsizetype writerCards = 0;
    for (const Operation &operation : result.history)
        writerCards += operation.scenario == u"writers"_s && operation.op == u"add_card"_s;
    QVERIFY2(writerCards < 80, qPrintable(QString::number(writerCards)));
    QCOMPARE(result.finalSnapshot.phase, RunSnapshot::Phase::Finished);
    QCOMPARE(integrity::verdictName(result.integrity.verdict), u"PASS"_s);
    QCOMPARE(result.integrity.lane.verified, result.integrity.lane.acknowledged);
}

void TestLoadTestRun::report_isWrittenAndCheckedAgainOffline()
{
    testsupport::TestServer server;
    const RunTarget target = targetOf(server, true);
    const LoadProfile profile = shortProfile(17);
    LoadTestRunner runner(profile, target, Threshold::defaults());
    RunRecord record {profile, target, runner.run()};
    QCOMPARE(integrity::verdictName(record.result.integrity.verdict), u"PASS"_s);

    QTemporaryDir reports;
    const QString dir = reports.filePath(u"run"_s);
    const Result<void> written = writeRunReport(dir, record, true);
    QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().message));
    for (const QString &name : {u"summary.json"_s, u"integrity_violations.json"_s,
             u"performance_metrics.json"_s, u"session_analysis.json"_s, u"requests.jsonl"_s,
             u"profile.json"_s, u"run.json"_s, u"report.html"_s, u"snapshot/admin.db"_s})
        QVERIFY2(QFile::exists(QDir(dir).filePath(name)), qPrintable(name));
    QFile html(QDir(dir).filePath(u"report.html"_s));
    QVERIFY(html.open(QIODevice::ReadOnly));
    QVERIFY(html.readAll().contains("id=\"report-data\""));

    const Result<SavedRun> saved = readSavedRun(dir);
    QVERIFY(saved.ok());
    QCOMPARE(saved->history.size(), record.result.history.size());
    QCOMPARE(saved->accounts.size(), record.result.accounts.size());
    QCOMPARE(saved->profile.toJson(), profile.toJson());

    // The offline checker reaches the same verdict from the saved history and the snapshot.
    const integrity::IntegrityReport again = auditSavedRun(*saved, {QDir(dir).filePath(u"snapshot"_s)});
    QCOMPARE(integrity::verdictName(again.verdict), u"PASS"_s);
    QCOMPARE(again.lane, record.result.integrity.lane);
}

QTEST_GUILESS_MAIN(TestLoadTestRun)
#include "tst_loadtestrun.moc"
