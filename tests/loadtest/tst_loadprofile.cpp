// The load test's inputs: profiles (JSON over the plan's defaults) and
// k6-style thresholds, parsed strictly and evaluated against recorded figures.
#include "loadtest/payloads.h"
#include "loadtest/profile.h"
#include "loadtest/randomstreams.h"
#include "loadtest/runexit.h"
#include "loadtest/runmetrics.h"
#include "loadtest/statusline.h"
#include "loadtest/thresholds.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo::loadtest;
using javumbo::history::Operation;
using javumbo::history::outcomeOfStatus;

class TestLoadProfile : public QObject
{
    Q_OBJECT

private slots:
    void defaults_areThePlans();
    void json_roundTripsEveryField();
    void json_overridesOnlyWhatItSets();
    void json_rejectsUnknownKeysAndWrongTypes_data();
    void json_rejectsUnknownKeysAndWrongTypes();
    void threshold_parses_data();
    void threshold_parses();
    void threshold_rejectsNonsense_data();
    void threshold_rejectsNonsense();
    void threshold_evaluatesRecordedLatencies();
    void threshold_errorRateCountsOnlyUnexpectedAnswers();
    void threshold_degradationComparesFirstAndLastThird();
    void percentiles_neverExceedTheLongestObserved();
    void statusLine_showsThePlansFigures();
    void exitFor_givesTheCommandsExitCode_data();
    void exitFor_givesTheCommandsExitCode();
    void randomStreams_replayWhatASeedAlwaysGave();
};

void TestLoadProfile::defaults_areThePlans()
{
    const LoadProfile profile;
    QCOMPARE(profile.users, 30);
    QCOMPARE(profile.writerCount(), 6); // 20 %
    QCOMPARE(profile.reviewerCount(), 24); // 80 %
    QCOMPARE(profile.writers.ramp, (QList<int> {1, 2, 3, 6}));
    QCOMPARE(profile.writers.stageS, 30.0);
    QCOMPARE(profile.writers.cards.min, 10);
    QCOMPARE(profile.writers.cards.max, 50);
    QCOMPARE(profile.reviewers.start, 5);
    QCOMPARE(profile.reviewers.step, 5);
    QCOMPARE(profile.reviewers.deckCards, 100);
    QCOMPARE(profile.registrationWindowS, 5.0);
}

void TestLoadProfile::json_roundTripsEveryField()
{
    LoadProfile profile = LoadProfile::quick();
    profile.seed = 987654321;
    profile.model = LoadProfile::Model::Open;
    profile.openRate = 42.5;
    profile.writers.ramp = {3, 1, 4};
    profile.hotUser.clients = 7;
    const auto back = LoadProfile::fromJson(profile.toJson());
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    QCOMPARE(back->toJson(), profile.toJson());
    QCOMPARE(back->seed, 987654321u);
    QCOMPARE(back->model, LoadProfile::Model::Open);
    QCOMPARE(back->writers.ramp, (QList<int> {3, 1, 4}));
}

void TestLoadProfile::json_overridesOnlyWhatItSets()
{
    const auto profile = LoadProfile::fromJson(
        QJsonDocument::fromJson(R"({"users": 12, "writers": {"cards": [5, 6]}, "hot_user": {"clients": 0}})")
            .object());
    QVERIFY(profile.ok());
    QCOMPARE(profile->users, 12);
    QCOMPARE(profile->writers.cards.min, 5);
    QCOMPARE(profile->writers.cards.max, 6);
    QCOMPARE(profile->writers.ramp, (QList<int> {1, 2, 3, 6})); // untouched default
    QCOMPARE(profile->hotUser.clients, 0);
    QCOMPARE(profile->reviewers.deckCards, 100);
}

void TestLoadProfile::json_rejectsUnknownKeysAndWrongTypes_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("unknown top key") << QByteArray(R"({"userz": 3})") << u"userz"_s;
    QTest::newRow("unknown nested key")
        << QByteArray(R"({"writers": {"shares": 0.5}})") << u"writers.shares"_s;
    QTest::newRow("string for a number") << QByteArray(R"({"users": "30"})") << u"users"_s;
    QTest::newRow("fraction for a count") << QByteArray(R"({"users": 2.5})") << u"users"_s;
    QTest::newRow("negative") << QByteArray(R"({"duration_s": -1})") << u"duration_s"_s;
    QTest::newRow("range reversed") << QByteArray(R"({"writers": {"cards": [9, 3]}})") << u"writers.cards"_s;
    QTest::newRow("range not a pair")
        << QByteArray(R"({"reviewers": {"reviews": [1]}})") << u"reviewers.reviews"_s;
    QTest::newRow("empty ramp") << QByteArray(R"({"writers": {"ramp": []}})") << u"writers.ramp"_s;
    QTest::newRow("unknown model") << QByteArray(R"({"model": "half-open"})") << u"model"_s;
    QTest::newRow("group not an object") << QByteArray(R"({"retries": 3})") << u"retries"_s;
    QTest::newRow("no users") << QByteArray(R"({"users": 0})") << u"users"_s;
    QTest::newRow("share above one") << QByteArray(R"({"writers": {"share": 1.5}})") << u"writers.share"_s;
}

void TestLoadProfile::json_rejectsUnknownKeysAndWrongTypes()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, mentions);
    const auto profile = LoadProfile::fromJson(QJsonDocument::fromJson(json).object());
    QVERIFY(!profile.ok());
    QVERIFY2(profile.error().message.contains(mentions), qPrintable(profile.error().message));
}

void TestLoadProfile::threshold_parses_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("metric");
    QTest::addColumn<QString>("stat");
    QTest::addColumn<QString>("comparison");
    QTest::addColumn<double>("value");
    QTest::newRow("ms") << u"add_card.p95<500ms"_s << u"add_card"_s << u"p95"_s << u"<"_s << 500.0;
    QTest::newRow("seconds") << u"review_next.avg <= 0.3s"_s << u"review_next"_s << u"avg"_s << u"<="_s
                             << 300.0;
    QTest::newRow("rate") << u"errors.rate<0.01"_s << u"errors"_s << u"rate"_s << u"<"_s << 0.01;
    QTest::newRow("percent") << u"errors.rate<1%"_s << u"errors"_s << u"rate"_s << u"<"_s << 0.01;
    QTest::newRow("count") << u"add_card.count>=100"_s << u"add_card"_s << u"count"_s << u">="_s << 100.0;
    QTest::newRow("degradation") << u"add_card.degradation<2"_s << u"add_card"_s << u"degradation"_s << u"<"_s
                                 << 2.0;
}

void TestLoadProfile::threshold_parses()
{
    QFETCH(QString, expression);
    const auto threshold = Threshold::parse(expression);
    QVERIFY2(threshold.ok(), qPrintable(threshold.ok() ? QString() : threshold.error().message));
    QTEST(threshold->metric, "metric");
    QTEST(threshold->stat, "stat");
    QTEST(threshold->comparison, "comparison");
    QFETCH(double, value);
    QVERIFY(qFuzzyCompare(threshold->value, value));
}

void TestLoadProfile::threshold_rejectsNonsense_data()
{
    QTest::addColumn<QString>("expression");
    QTest::newRow("no comparison") << u"add_card.p95 500ms"_s;
    QTest::newRow("no stat") << u"add_card<500ms"_s;
    QTest::newRow("unknown stat") << u"add_card.p42<500ms"_s;
    QTest::newRow("rate of a latency") << u"add_card.avg<1%"_s;
    QTest::newRow("unit on errors count") << u"errors.count<3ms"_s;
    QTest::newRow("errors latency") << u"errors.p95<3ms"_s;
    QTest::newRow("negative") << u"add_card.avg<-1ms"_s;
}

void TestLoadProfile::threshold_rejectsNonsense()
{
    QFETCH(QString, expression);
    QVERIFY(!Threshold::parse(expression).ok());
}

namespace {

Operation completed(
    const QString &op, qint64 completeUs, qint64 latencyUs, int status, int expectedStatus = 0)
{
    Operation operation;
    operation.op = op;
    operation.scenario = u"writers"_s;
    operation.intendedUs = operation.invokeUs = completeUs - latencyUs;
    operation.completeUs = completeUs;
    operation.status = status;
    operation.outcome = outcomeOfStatus(status);
    operation.expectedStatus = expectedStatus;
    return operation;
}

} // namespace

void TestLoadProfile::threshold_evaluatesRecordedLatencies()
{
    RunMetrics metrics;
    for (int i = 0; i < 100; ++i)
        metrics.record(
            completed(u"add_card"_s, 1'000'000 + i, i < 90 ? 10'000 : 800'000, 201)); // 10 ms, 10 × 800 ms
    const ThresholdResult average = evaluate(*Threshold::parse(u"add_card.avg<500ms"_s), metrics, 2'000'000);
    QVERIFY(average.passed); // (90 × 10 + 10 × 800) / 100 = 89 ms
    QVERIFY2(average.observed.startsWith(u"89 ms"_s), qPrintable(average.observed));
    QVERIFY(!evaluate(*Threshold::parse(u"add_card.p95<500ms"_s), metrics, 2'000'000).passed);
    QVERIFY(evaluate(*Threshold::parse(u"add_card.p50<50ms"_s), metrics, 2'000'000).passed);
    const ThresholdResult absent = evaluate(*Threshold::parse(u"review_next.avg<1ms"_s), metrics, 2'000'000);
    QVERIFY(absent.passed);
    QVERIFY(absent.observed.startsWith(u"n/a"_s));
}

void TestLoadProfile::threshold_errorRateCountsOnlyUnexpectedAnswers()
{
    RunMetrics metrics;
    for (int i = 0; i < 97; ++i)
        metrics.record(completed(u"add_card"_s, 1000, 1000, 201));
    metrics.record(completed(u"me"_s, 1000, 1000, 401, 401)); // a probe of an ended session: wanted
    metrics.record(completed(u"review_answer"_s, 1000, 1000, 409, 409)); // a lost race between devices: fine
    metrics.record(completed(u"add_card"_s, 1000, 1000, 503)); // an error
    QCOMPARE(metrics.errorCount(), 1u);
    QVERIFY(evaluate(*Threshold::parse(u"errors.rate<0.011"_s), metrics, 1).passed);
    QVERIFY(!evaluate(*Threshold::parse(u"errors.rate<0.01"_s), metrics, 1).passed);
    QCOMPARE(metrics.errors().value(0).code, u"http_503"_s);
}

void TestLoadProfile::threshold_degradationComparesFirstAndLastThird()
{
    RunMetrics metrics;
    for (int i = 0; i < 30; ++i) // 0–3 s: 10 ms each; 6–9 s: 50 ms each
        metrics.record(completed(u"add_card"_s, 100'000 * i, 10'000, 201));
    for (int i = 0; i < 30; ++i)
        metrics.record(completed(u"add_card"_s, 6'000'000 + 100'000 * i, 50'000, 201));
    QVERIFY(!evaluate(*Threshold::parse(u"add_card.degradation<3"_s), metrics, 9'000'000).passed);
    QVERIFY(evaluate(*Threshold::parse(u"add_card.degradation<6"_s), metrics, 9'000'000).passed);
}

void TestLoadProfile::percentiles_neverExceedTheLongestObserved()
{
    RunMetrics metrics;
    for (int i = 0; i < 20; ++i) // every login took 1.2 s: inside a bucket that reaches 2.5 s
        metrics.record(completed(u"login"_s, 2'000'000, 1'200'000, 200));
    const EndpointFigures login = metrics.endpoint(u"login"_s);
    QCOMPARE(login.maxMs, 1200.0);
    QVERIFY(login.p95Ms <= login.maxMs);
    QVERIFY(login.p99Ms <= login.maxMs);
    QVERIFY(login.p50Ms > 1000.0);
}

void TestLoadProfile::statusLine_showsThePlansFigures()
{
    RunSnapshot snapshot;
    snapshot.phase = RunSnapshot::Phase::Running;
    snapshot.elapsedS = 125;
    snapshot.activeWriters = 3;
    snapshot.activeReviewers = 15;
    snapshot.cardsCreated = 312;
    snapshot.errors = 2;
    snapshot.requestsPerSecond = 48.31;
    snapshot.endpoints = {{u"add_card"_s, 312, 0, 12.4, 11}};
    snapshot.lane = {312, 310, 2, 0};
    snapshot.progress = 0.5;
    snapshot.etaS = 125;
    const QString line = statusLine(snapshot);
    for (const QString &part :
        {u"[02:05] running"_s, u"writers 3 reviewers 15"_s, u"cards 312"_s, u"errors 2"_s, u"48.3 req/s"_s,
            u"add_card 12ms"_s, u"ack 312 verified 310 pending 2 violated 0"_s})
        QVERIFY2(line.contains(part), qPrintable(line + u" lacks "_s + part));
    QCOMPARE(progressBar(snapshot, 10), u"[#####.....]  50 %  ETA 02:05"_s);
}

void TestLoadProfile::exitFor_givesTheCommandsExitCode_data()
{
    QTest::addColumn<javumbo::integrity::Verdict>("verdict");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("PASS") << javumbo::integrity::Verdict::Pass << 0;
    QTest::newRow("FAIL") << javumbo::integrity::Verdict::Fail << 2;
    QTest::newRow("UNKNOWN") << javumbo::integrity::Verdict::Unknown << 3;
}

void TestLoadProfile::exitFor_givesTheCommandsExitCode()
{
    QFETCH(javumbo::integrity::Verdict, verdict);
    QFETCH(int, exitCode);
    QCOMPARE(int(exitFor(verdict)), exitCode);
}

// A saved run replays from its seed: these are the numbers seed 42 gave
// before the streams were named (payloads::generator with literal offsets).
void TestLoadProfile::randomStreams_replayWhatASeedAlwaysGave()
{
    const TestAccount account = payloads::account(42, 1);
    QCOMPARE(account.username, u"femi.silva.16.1"_s);
    QCOMPARE(account.password, u"pw-3ox766safmn7x-2t2uxxu7e4w2o"_s);
    QCOMPARE(randomStream(42, RandomStream::RegistrationSchedule).generate(), 2295393930u);
    QCOMPARE(randomStream(42, RandomStream::Writer, 1).generate(), 320430245u);
    QCOMPARE(randomStream(42, RandomStream::Reviewer, 2).generate(), 2972585438u);
    QCOMPARE(randomStream(42, RandomStream::SessionThrasher).generate(), 3841870702u);
    QCOMPARE(randomStream(42, RandomStream::Retrier, 1).generate(), 2150376679u);
    QCOMPARE(randomStream(42, RandomStream::HotUserClient, 2).generate(), 4074905748u);
}

QTEST_GUILESS_MAIN(TestLoadProfile)
#include "tst_loadprofile.moc"
