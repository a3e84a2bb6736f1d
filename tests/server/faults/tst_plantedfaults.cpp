// The planted faults of `javumbo serve --fault NAME` (common/fault.h): each
// one, on a real server on a loopback port with real clients, must show the
// damage its checker class describes, every time; the same scenario without
// the fault must stay correct. Then the guard rails, through the real binary:
// loopback only, unknown names refused with the list, a warning on stderr and
// the fault named in /health.
#include "javumboprocess.h"
#include "testserver.h"
#include "threadrunner.h"

#include "api/apiserver.h"
#include "services/plantedfaults.h"

#include <QTest>

#include <mutex>

#include <signal.h>

using namespace Qt::StringLiterals;
using namespace javumbo;
using javumbo::testsupport::CommandResult;
using javumbo::testsupport::runJavumbo;
using javumbo::testsupport::runThreads;
using javumbo::testsupport::TestServer;

// QVERIFY2 with a message built as a QByteArray (QT_NO_CAST_FROM_BYTEARRAY is on).
#define VERIFY_MSG(condition, message) QVERIFY2(condition, QByteArray(message).constData())

namespace {

constexpr int kAnswerClients = 6; // of one user, answering one card at once

// Status codes and error codes seen by many threads.
struct Tally
{
    std::mutex mutex;
    // Guarded by mutex:
    QMap<int, int> statuses;
    QMap<QString, int> errors;
    QStringList samples;

    void record(const net::HttpResult &result)
    {
        std::scoped_lock locker(mutex);
        ++statuses[result.status];
        if (result.status >= 300) {
            ++errors[result.errorCode()];
            if (samples.size() < 5)
                samples.append(u"%1 %2"_s.arg(result.status).arg(QString::fromUtf8(result.body.left(200))));
        }
    }
    int count(int status)
    {
        std::scoped_lock locker(mutex);
        return statuses.value(status);
    }
    int errorCount(const QString &code)
    {
        std::scoped_lock locker(mutex);
        return errors.value(code);
    }
    QByteArray describe()
    {
        std::scoped_lock locker(mutex);
        QStringList parts;
        for (auto it = statuses.cbegin(); it != statuses.cend(); ++it)
            parts.append(u"%1x%2"_s.arg(it.key()).arg(it.value()));
        return (parts.join(u' ') % u" | "_s % samples.join(u" ; "_s)).toUtf8();
    }
};

TestServer::Options withFault(Fault fault, const Clock *clock = nullptr)
{
    TestServer::Options options;
    options.fault = fault;
    options.clock = clock;
    return options;
}

QString collectionOf(TestServer &server, qint64 userId)
{
    return server.dataDir() + u"/user_dbs/user_%1.db"_s.arg(userId);
}

qint64 count(TestServer &server, qint64 userId, const QString &sql)
{
    return testsupport::queryNumber(collectionOf(server, userId), sql);
}

net::HttpResult addCard(net::HttpClient &http, const QString &token, const QString &front,
    const QList<std::pair<QByteArray, QByteArray>> &headers = {})
{
    return testsupport::call(
        http, "POST", u"/api/v1/cards"_s, token, {{u"front"_s, front}, {u"back"_s, u"back"_s}}, headers);
}

QSet<qint64> storedCardIds(TestServer &server, qint64 userId)
{
    QSet<qint64> ids;
    for (const QString &id :
        testsupport::queryColumn(collectionOf(server, userId), u"SELECT id FROM cards"_s))
        ids.insert(id.toLongLong());
    return ids;
}

QByteArray describe(const net::HttpResult &result)
{
    return QByteArray::number(result.status) + " " + result.body.left(300);
}

} // namespace

class TestPlantedFaults : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { testsupport::enterTestMode(); }

    void faultNames_roundTrip()
    {
        const QStringList names = faultNames();
        QCOMPARE(names,
            QStringList({u"no-user-lock"_s, u"shared-session-slot"_s, u"clock-ids"_s, u"lost-ack"_s,
                u"double-revlog"_s, u"no-idempotency"_s, u"stale-session"_s, u"undo-keeps-revlog"_s,
                u"unfiltered-card-read"_s}));
        // The embedded scratch servers (self-test, GUI) keep SQLite files: only the faults that act there.
        QCOMPARE(faultNames(FaultScope::Sqlite), names.mid(0, names.size() - 1));
        QVERIFY(faultNeedsPostgres(Fault::UnfilteredCardRead));
        for (const QString &name : names) {
            const auto fault = faultFromName(name);
            QVERIFY(fault);
            QVERIFY(*fault != Fault::None);
            QCOMPARE(faultName(*fault), name);
        }
        QVERIFY(!faultFromName(u""_s));
        QVERIFY(!faultFromName(u"none"_s));
        QVERIFY(!faultFromName(u"Lost-Ack"_s));
        QVERIFY(faultWarning(Fault::LostAck).contains(u"WARNING: planted fault 'lost-ack' is active"_s));
    }

    void health_namesTheFaultOnlyWhenActive_data()
    {
        QTest::addColumn<Fault>("fault");
        QTest::addColumn<QString>("named"); // the body's "fault" member; empty: absent
        QTest::newRow("clean") << Fault::None << QString();
        QTest::newRow("lost-ack") << Fault::LostAck << u"lost-ack"_s;
    }
    void health_namesTheFaultOnlyWhenActive()
    {
        QFETCH(Fault, fault);
        QFETCH(QString, named);
        TestServer server(withFault(fault));
        auto http = server.client();
        const auto health = testsupport::call(*http, "GET", u"/api/v1/health"_s);
        QCOMPARE(health.status, 200);
        const QJsonObject body = health.json().toObject();
        QCOMPARE(body.value(u"status"_s).toString(), u"ok"_s);
        QCOMPARE(body.contains(u"fault"_s), !named.isEmpty());
        QCOMPARE(body.value(u"fault"_s).toString(), named);
    }

    void apiServer_refusesAFaultOffLoopback()
    {
        QTemporaryDir dir;
        SystemClock clock;
        UserLockRegistry locks;
        BackendOptions options;
        options.dataDir = dir.path();
        options.fault = Fault::DoubleRevlog;
        Backend backend(options, clock, locks);
        QVERIFY(backend.initialize());
        server::ServerOptions serverOptions;
        serverOptions.bindAddress = QHostAddress::AnyIPv4;
        serverOptions.port = 0;
        serverOptions.accessLog = false;
        server::ApiServer apiServer(backend, serverOptions);
        const auto started = apiServer.start();
        QVERIFY(!started);
        QVERIFY2(started.error().message.contains(u"loopback"_s), qPrintable(started.error().message));
        QVERIFY(!apiServer.isListening());
    }

    // no-user-lock: K clients of one user answer the same card at once, each with expected_reps 0.
    void noUserLock_concurrentAnswersOfOneCard_data()
    {
        QTest::addColumn<Fault>("fault");
        QTest::addColumn<int>("minAnswered"); // of kAnswerClients; the rest are 409 already_answered
        QTest::addColumn<int>("maxAnswered");
        QTest::newRow("clean") << Fault::None << 1 << 1;
        // The stale read lets every answer pass expected_reps; each logs a row, reps moves once.
        QTest::newRow("no-user-lock") << Fault::NoUserLock << 2 << kAnswerClients;
    }
    void noUserLock_concurrentAnswersOfOneCard()
    {
        QFETCH(Fault, fault);
        QFETCH(int, minAnswered);
        QFETCH(int, maxAnswered);
        TestServer server(withFault(fault));
        const TestServer::User user = server.createUser(u"student"_s);
        auto http = server.client();
        const auto added = addCard(*http, user.token, u"one card"_s);
        QCOMPARE(added.status, 201);
        const qint64 cardId = added.json()[u"card_id"_s].toInteger();

        Tally tally;
        runThreads(kAnswerClients, [&](int) {
            auto client = server.client();
            tally.record(testsupport::call(*client, "POST", u"/api/v1/review/answer"_s, user.token,
                {{u"card_id"_s, cardId}, {u"ease"_s, 3}, {u"expected_reps"_s, 0}}));
        });
        const qint64 revlog = count(server, user.id, u"SELECT count(*) FROM revlog"_s);
        const qint64 reps = count(server, user.id, u"SELECT reps FROM cards WHERE id = %1"_s.arg(cardId));
        const int answered = tally.count(200);
        VERIFY_MSG(answered >= minAnswered && answered <= maxAnswered, tally.describe());
        VERIFY_MSG(answered + tally.count(409) == kAnswerClients, tally.describe());
        QCOMPARE(revlog, qint64(answered));
        QCOMPARE(reps, 1);
    }

    // shared-session-slot: six users add cards and ask /me at the same time.
    void sharedSessionSlot_concurrentUsers_data()
    {
        QTest::addColumn<Fault>("fault");
        QTest::addColumn<bool>("mixesUsers"); // cards land with other users, /me names another user
        QTest::newRow("clean") << Fault::None << false;
        QTest::newRow("shared-session-slot") << Fault::SharedSessionSlot << true;
    }
    void sharedSessionSlot_concurrentUsers()
    {
        QFETCH(Fault, fault);
        QFETCH(bool, mixesUsers);
        constexpr int kUsers = 6, kRounds = 20;
        TestServer server(withFault(fault));
        QList<TestServer::User> users;
        for (int i = 0; i < kUsers; ++i)
            users.append(server.createUser(u"user%1"_s.arg(i)));
        Tally tally;
        std::atomic<int> wrongIdentity {0};
        runThreads(kUsers, [&](int i) {
            auto client = server.client();
            const TestServer::User &user = users[i];
            for (int n = 0; n < kRounds; ++n) {
                tally.record(addCard(*client, user.token, u"[USER:%1][SEQ:%2]"_s.arg(user.id).arg(n)));
                const auto me = testsupport::call(*client, "GET", u"/api/v1/me"_s, user.token);
                tally.record(me);
                if (me.status == 200 && me.json()[u"user_id"_s].toInteger() != user.id)
                    ++wrongIdentity;
            }
        });
        VERIFY_MSG(tally.count(200) + tally.count(201) == 2 * kUsers * kRounds, tally.describe());
        qint64 misplaced = 0, total = 0;
        for (const TestServer::User &user : users) {
            total += count(server, user.id, u"SELECT count(*) FROM notes"_s);
            misplaced += count(server, user.id,
                u"SELECT count(*) FROM notes WHERE instr(flds, '[USER:%1]') = 0"_s.arg(user.id));
        }
        QCOMPARE(total, qint64(kUsers * kRounds)); // nothing lost: only moved
        QCOMPARE(misplaced > 0, mixesUsers);
        QCOMPARE(wrongIdentity.load() > 0, mixesUsers);
    }

    // clock-ids on a frozen clock: every add after a user's first collides.
    void clockIds_frozenMillisecond_data()
    {
        QTest::addColumn<Fault>("fault");
        QTest::addColumn<int>("laterStatus"); // of each add after the first
        QTest::addColumn<QString>("laterCode");
        QTest::addColumn<QString>("laterMessage");
        QTest::addColumn<qint64>("stored");
        QTest::newRow("clean") << Fault::None << 201 << QString() << QString() << qint64(4);
        // The original's vague message, not the precise constraint.
        QTest::newRow("clock-ids") << Fault::ClockIds << 500 << u"internal"_s << u"Database error"_s
                                   << qint64(1);
    }
    void clockIds_frozenMillisecond()
    {
        QFETCH(Fault, fault);
        QFETCH(int, laterStatus);
        QFETCH(QString, laterCode);
        QFETCH(QString, laterMessage);
        QFETCH(qint64, stored);
        ManualClock frozen(QDateTime::currentMSecsSinceEpoch());
        TestServer server(withFault(fault, &frozen));
        const TestServer::User user = server.createUser(u"student"_s);
        auto http = server.client();
        const auto first = addCard(*http, user.token, u"first"_s);
        QCOMPARE(first.status, 201);
        for (int n = 0; n < 3; ++n) {
            const auto next = addCard(*http, user.token, u"next %1"_s.arg(n));
            VERIFY_MSG(next.status == laterStatus, describe(next));
            QCOMPARE(next.errorCode(), laterCode);
            QCOMPARE(next.json()[u"error"_s][u"message"_s].toString(), laterMessage);
        }
        QCOMPARE(count(server, user.id, u"SELECT count(*) FROM cards"_s), stored);
    }

    // clock-ids on the real clock: several clients of one user adding at once.
    void clockIds_concurrentAddsOfOneUser_data()
    {
        QTest::addColumn<Fault>("fault");
        QTest::addColumn<bool>("collides"); // some adds fail with the vague 500
        QTest::newRow("clean") << Fault::None << false;
        QTest::newRow("clock-ids") << Fault::ClockIds << true;
    }
    void clockIds_concurrentAddsOfOneUser()
    {
        QFETCH(Fault, fault);
        QFETCH(bool, collides);
        constexpr int kClients = 4, kAdds = 50;
        TestServer server(withFault(fault));
        const TestServer::User user = server.createUser(u"student"_s);
        Tally tally;
        runThreads(kClients, [&](int i) {
            auto client = server.client();
            for (int n = 0; n < kAdds; ++n)
                tally.record(addCard(*client, user.token, u"c%1-%2"_s.arg(i).arg(n)));
        });
        const qint64 stored = count(server, user.id, u"SELECT count(*) FROM cards"_s);
        QCOMPARE(stored, qint64(tally.count(201)));
        VERIFY_MSG(tally.count(201) + tally.count(500) == kClients * kAdds, tally.describe());
        VERIFY_MSG((tally.count(500) > 0) == collides, tally.describe());
        QCOMPARE(tally.errorCount(u"internal"_s), tally.count(500));
    }

    // lost-ack: successful adds #20 and #120 are acknowledged and then gone.
    void lostAck_everyHundredthAddFromTheTwentieth_data()
    {
        QTest::addColumn<Fault>("fault");
        QTest::addColumn<bool>("idempotent");
        QTest::addColumn<QList<int>>("lostOf119"); // 1-based positions among the acknowledged adds
        QTest::addColumn<QList<int>>("lostOf120");
        QTest::addColumn<qint64>("listed"); // what GET /cards still shows
        QTest::newRow("clean") << Fault::None << false << QList<int> {} << QList<int> {} << qint64(120);
        QTest::newRow("lost-ack") << Fault::LostAck << false << QList<int> {20} << QList<int> {20, 120}
                                  << qint64(118);
        QTest::newRow("lost-ack, Idempotency-Key")
            << Fault::LostAck << true << QList<int> {20} << QList<int> {20, 120} << qint64(118);
    }
    void lostAck_everyHundredthAddFromTheTwentieth()
    {
        QFETCH(Fault, fault);
        QFETCH(bool, idempotent);
        QFETCH(QList<int>, lostOf119);
        QFETCH(QList<int>, lostOf120);
        QFETCH(qint64, listed);
        QCOMPARE(faults::LostAcks::isLost(20), true);
        QCOMPARE(faults::LostAcks::isLost(120), true);
        QCOMPARE(faults::LostAcks::isLost(100), false);
        TestServer server(withFault(fault));
        const TestServer::User user = server.createUser(u"student"_s);
        auto http = server.client();
        QList<qint64> acknowledged;
        auto addOne = [&](int n) {
            QList<std::pair<QByteArray, QByteArray>> headers;
            if (idempotent)
                headers.append({"Idempotency-Key", "key-" + QByteArray::number(n)});
            const auto added = addCard(*http, user.token, u"card %1"_s.arg(n), headers);
            if (added.status == 201)
                acknowledged.append(added.json()[u"card_id"_s].toInteger());
            return added.status;
        };
        auto missing = [&] {
            const QSet<qint64> stored = storedCardIds(server, user.id);
            QList<int> positions; // 1-based positions among the acknowledged adds
            for (int i = 0; i < acknowledged.size(); ++i) {
                if (!stored.contains(acknowledged[i]))
                    positions.append(i + 1);
            }
            return positions;
        };
        for (int n = 1; n <= 119; ++n)
            QCOMPARE(addOne(n), 201);
        QCOMPARE(missing(), lostOf119);
        QCOMPARE(addOne(120), 201);
        QCOMPARE(missing(), lostOf120);
        // A lost card's id is never handed out again, so it reads as lost, not as changed.
        QCOMPARE(QSet<qint64>(acknowledged.cbegin(), acknowledged.cend()).size(), acknowledged.size());
        // The API agrees with the file: the list no longer shows them.
        const auto list = testsupport::call(*http, "GET", u"/api/v1/cards?limit=1000"_s, user.token);
        QCOMPARE(list.status, 200);
        QCOMPARE(list.json()[u"total"_s].toInteger(), listed);
    }

    // double-revlog: one answer, two revlog rows with distinct ids.
    void doubleRevlog_oneAnswer_data()
    {
        QTest::addColumn<Fault>("fault");
        QTest::addColumn<qint64>("rows");
        QTest::newRow("clean") << Fault::None << qint64(1);
        QTest::newRow("double-revlog") << Fault::DoubleRevlog << qint64(2);
    }
    void doubleRevlog_oneAnswer()
    {
        QFETCH(Fault, fault);
        QFETCH(qint64, rows);
        TestServer server(withFault(fault));
        const TestServer::User user = server.createUser(u"student"_s);
        auto http = server.client();
        const auto added = addCard(*http, user.token, u"one card"_s);
        QCOMPARE(added.status, 201);
        const qint64 cardId = added.json()[u"card_id"_s].toInteger();
        const auto answered = testsupport::call(*http, "POST", u"/api/v1/review/answer"_s, user.token,
            {{u"card_id"_s, cardId}, {u"ease"_s, 3}, {u"expected_reps"_s, 0}});
        VERIFY_MSG(answered.status == 200, describe(answered));
        QCOMPARE(answered.json()[u"reps"_s].toInteger(), 1);
        QCOMPARE(count(server, user.id, u"SELECT count(*) FROM revlog WHERE cid = %1"_s.arg(cardId)), rows);
        QCOMPARE(count(server, user.id, u"SELECT count(DISTINCT id) FROM revlog"_s), rows);
        QCOMPARE(count(server, user.id, u"SELECT reps FROM cards WHERE id = %1"_s.arg(cardId)), 1);
    }

    // no-idempotency: the same Idempotency-Key twice.
    void noIdempotency_retryWithTheSameKey_data()
    {
        QTest::addColumn<Fault>("fault");
        QTest::addColumn<QByteArray>("replayed"); // the retry's Idempotent-Replayed header
        QTest::addColumn<qint64>("cards");
        QTest::newRow("clean") << Fault::None << QByteArray("true") << qint64(1);
        QTest::newRow("no-idempotency") << Fault::NoIdempotency << QByteArray() << qint64(2);
    }
    void noIdempotency_retryWithTheSameKey()
    {
        QFETCH(Fault, fault);
        QFETCH(QByteArray, replayed);
        QFETCH(qint64, cards);
        TestServer server(withFault(fault));
        const TestServer::User user = server.createUser(u"student"_s);
        auto http = server.client();
        const QList<std::pair<QByteArray, QByteArray>> key {{"Idempotency-Key", "retry-me"}};
        const auto first = addCard(*http, user.token, u"once"_s, key);
        const auto retry = addCard(*http, user.token, u"once"_s, key);
        QCOMPARE(first.status, 201);
        QCOMPARE(retry.status, 201);
        const qint64 firstId = first.json()[u"card_id"_s].toInteger();
        const qint64 retryId = retry.json()[u"card_id"_s].toInteger();
        QCOMPARE(retryId == firstId, cards == 1);
        QCOMPARE(retry.header("idempotent-replayed"), replayed);
        QCOMPARE(count(server, user.id, u"SELECT count(*) FROM cards"_s), cards);
    }

    // stale-session: the old token on a fresh connection after logout, on a pinned clock: within
    // the cache's lifetime and from its end on.
    void staleSession_oldTokenAfterLogout_data()
    {
        constexpr qint64 kLifetime = faults::StaleSessionCache::kLifetimeMs;
        QTest::addColumn<Fault>("fault");
        QTest::addColumn<qint64>("sinceLogoutMs");
        QTest::addColumn<int>("status");
        for (qint64 since : {qint64(0), qint64(1500), kLifetime - 1, kLifetime}) {
            QTest::addRow("clean, +%lld ms", since) << Fault::None << since << 401;
            QTest::addRow("stale-session, +%lld ms", since)
                << Fault::StaleSession << since << (since < kLifetime ? 200 : 401);
        }
    }
    void staleSession_oldTokenAfterLogout()
    {
        QFETCH(Fault, fault);
        QFETCH(qint64, sinceLogoutMs);
        QFETCH(int, status);
        ManualClock clock(QDateTime::currentMSecsSinceEpoch());
        TestServer server(withFault(fault, &clock));
        const TestServer::User user = server.createUser(u"student"_s);
        const qint64 loggedOutAt = clock.nowMs();
        {
            auto http = server.client();
            QCOMPARE(testsupport::call(*http, "POST", u"/api/v1/logout"_s, user.token).status, 204);
        }
        clock.setNowMs(loggedOutAt + sinceLogoutMs);
        auto fresh = server.client();
        const auto me = testsupport::call(*fresh, "GET", u"/api/v1/me"_s, user.token);
        VERIFY_MSG(me.status == status, describe(me));
        if (me.status == 200)
            QCOMPARE(me.json()[u"user_id"_s].toInteger(), user.id);
    }

    // The binary: loopback only, unknown names refused, help lists the names.
    void serve_faultOffLoopback_isRefused()
    {
        QTemporaryDir dir;
        const auto result = runJavumbo({u"serve"_s, u"--port"_s, u"0"_s, u"--data-dir"_s, dir.path(),
            u"--bind"_s, u"0.0.0.0"_s, u"--fault"_s, u"lost-ack"_s});
        VERIFY_MSG(result.finished && result.exitCode == 2, result.describe());
        VERIFY_MSG(result.err.contains("loopback"), result.describe());
        VERIFY_MSG(!result.out.contains("listening on"), result.describe());
    }

    // A forgotten user_id filter has nothing else to find in a user's own SQLite file: refused, not
    // silently harmless (tst_twoinstances plants it on PostgreSQL).
    void postgresOnlyFault_isRefusedOnSqlite()
    {
        QTemporaryDir dir;
        const auto served = runJavumbo({u"serve"_s, u"--port"_s, u"0"_s, u"--data-dir"_s, dir.path(),
            u"--fault"_s, u"unfiltered-card-read"_s});
        VERIFY_MSG(served.finished && served.exitCode == 2, served.describe());
        VERIFY_MSG(served.err.contains("acts only on PostgreSQL") && served.err.contains("--database"),
            served.describe());
        VERIFY_MSG(!served.out.contains("listening on"), served.describe());
        const auto loaded
            = runJavumbo({u"loadtest"_s, u"--quick"_s, u"--fault"_s, u"unfiltered-card-read"_s});
        VERIFY_MSG(loaded.finished && loaded.exitCode == 3, loaded.describe()); // could not run
        VERIFY_MSG(loaded.err.contains("acts only on PostgreSQL"), loaded.describe());
    }

    void serve_unknownFault_isRefusedWithTheNames()
    {
        QTemporaryDir dir;
        const auto result = runJavumbo(
            {u"serve"_s, u"--port"_s, u"0"_s, u"--data-dir"_s, dir.path(), u"--fault"_s, u"no-such-bug"_s});
        VERIFY_MSG(result.finished && result.exitCode == 2, result.describe());
        VERIFY_MSG(result.err.contains("no-such-bug"), result.describe());
        for (const QString &name : faultNames())
            VERIFY_MSG(result.err.contains(name.toUtf8()), result.describe());
    }

    void serve_help_listsTheFaults()
    {
        const auto result = runJavumbo({u"serve"_s, u"--help"_s});
        VERIFY_MSG(result.finished && result.exitCode == 0, result.describe());
        VERIFY_MSG(result.out.contains("--fault"), result.describe());
        for (const QString &name : faultNames())
            VERIFY_MSG(result.out.contains(name.toUtf8()), result.describe());
    }

    void serve_withFault_warnsAndNamesItInHealth()
    {
        QTemporaryDir dir;
        testsupport::ServeProcess serve;
        serve.start({u"--data-dir"_s, dir.path(), u"--fault"_s, u"double-revlog"_s});
        VERIFY_MSG(serve.waitListening(), serve.diagnostics());
        const QByteArray err = serve.err();
        VERIFY_MSG(
            err.contains("WARNING: planted fault 'double-revlog' is active: this server is deliberately "
                         "broken for testing the checker"),
            err);
        net::HttpClient http(u"127.0.0.1"_s, serve.port(), std::chrono::seconds(10));
        const auto health = testsupport::call(http, "GET", u"/api/v1/health"_s);
        QCOMPARE(health.status, 200);
        QCOMPARE(health.json()[u"fault"_s].toString(), u"double-revlog"_s);
        serve.signal(SIGTERM);
        VERIFY_MSG(serve.waitFinished(), serve.diagnostics());
        QCOMPARE(serve.process().exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestPlantedFaults)
#include "tst_plantedfaults.moc"
