// Real threads against a real server on a loopback port: deterministic in
// what they assert (counts, ownership), never in timing.
#include "testpostgres.h"
#include "testserver.h"
#include "threadrunner.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

#include <atomic>
#include <mutex>
#include <thread>

using namespace Qt::StringLiterals;
using namespace javumbo;
using javumbo::testsupport::runThreads;
using javumbo::testsupport::TestServer;

namespace {

// Collects what threads saw, for assertions on the test thread.
struct Tally
{
    std::mutex mutex;
    QMap<int, int> statuses;
    QStringList unexpected;
    void record(const net::HttpResult &result, std::initializer_list<int> expected)
    {
        const std::lock_guard lock(mutex);
        ++statuses[result.status];
        if (std::find(expected.begin(), expected.end(), result.status) == expected.end()
            && unexpected.size() < 10)
            unexpected.append(u"%1 %2"_s.arg(result.status).arg(QString::fromUtf8(result.body.left(200))));
    }
    int count(int status)
    {
        const std::lock_guard lock(mutex);
        return statuses.value(status);
    }
};

} // namespace

class TestApiConcurrency : public QObject
{
    Q_OBJECT
private:
    static qint64 count(const QString &path, const QString &sql)
    {
        return testsupport::queryNumber(path, sql);
    }

private slots:
    void initTestCase() { testsupport::enterTestMode(); }

    void thirtySimultaneousRegistrations_withDuplicates_oneWinnerEach()
    {
        TestServer server;
        Tally tally;
        std::mutex idsMutex;
        QSet<qint64> ids;
        // 30 attempts: 10 names, each tried three times in different case, emails partly shared.
        runThreads(30, [&](int i) {
            auto http = server.client();
            const QString name = (i % 3 == 0 ? u"Student%1"_s
                    : i % 3 == 1             ? u"student%1"_s
                                             : u"STUDENT%1"_s)
                                     .arg(i / 3);
            const auto result = testsupport::call(*http, "POST", u"/api/v1/register"_s, {},
                {{u"username"_s, name}, {u"password"_s, u"correct horse"_s}, {u"name"_s, name},
                    {u"email"_s, u"s%1-%2@example.org"_s.arg(i / 3).arg(i % 3)}});
            tally.record(result, {201, 409});
            if (result.status == 201) {
                const std::lock_guard lock(idsMutex);
                ids.insert(result.json()[u"user_id"_s].toInteger());
            } else if (result.errorCode() != u"username_taken"_s) {
                const std::lock_guard lock(tally.mutex);
                tally.unexpected.append(result.errorCode());
            }
        });
        QVERIFY2(tally.unexpected.isEmpty(), qPrintable(tally.unexpected.join(u'\n')));
        QCOMPARE(tally.count(201), 10);
        QCOMPARE(tally.count(409), 20);
        QCOMPARE(ids.size(), 10);
        // Each winner has its collection (a file, or its rows in PostgreSQL), and nobody else one.
        for (qint64 id : ids)
            QCOMPARE(
                testsupport::collectionIntegrity(server.backend().context().collectionPath(id)), u"ok"_s);
        if (!testsupport::usePostgres()) {
            const QStringList files = QDir(server.dataDir() + u"/user_dbs"_s).entryList(QDir::Files);
            QCOMPARE(files.filter(QRegularExpression(u"^user_\\d+\\.db$"_s)).size(), 10);
        } else {
            QCOMPARE(testsupport::queryNumber(
                         server.backend().context().adminDbPath(), u"SELECT count(*) FROM col"_s),
                qint64(10));
        }
        QCOMPARE(server.backend().accounts().count().value(), qint64(10));
    }

    void sixWritersAndTwentyFourReviewers_everyAcknowledgedWriteLandsInItsOwnersCollection()
    {
        TestServer server;
        constexpr int kWriters = 6, kReviewers = 24, kCardsPerWriter = 40,
                      kReviewsPerReviewer = 20; // 20 = the new-cards-per-day limit
        QList<TestServer::User> users;
        for (int i = 0; i < kWriters + kReviewers; ++i)
            users.append(server.createUser(u"user%1"_s.arg(i)));
        {
            auto http = server.client(); // each reviewer starts with a deck of cards to review
            for (int r = kWriters; r < kWriters + kReviewers; ++r) {
                for (int c = 0; c < kReviewsPerReviewer; ++c)
                    QCOMPARE(testsupport::call(*http, "POST", u"/api/v1/cards"_s, users[r].token,
                                 {{u"front"_s, u"review %1 %2"_s.arg(r).arg(c)}, {u"back"_s, u"b"_s}})
                                 .status,
                        201);
            }
        }
        Tally tally;
        QList<QList<qint64>> acknowledged(kWriters + kReviewers);
        QList<int> answered(kWriters + kReviewers, 0);
        runThreads(kWriters + kReviewers, [&](int i) {
            auto http = server.client();
            const TestServer::User &user = users[i];
            if (i < kWriters) {
                for (int n = 0; n < kCardsPerWriter; ++n) {
                    const auto result = testsupport::call(*http, "POST", u"/api/v1/cards"_s, user.token,
                        {{u"front"_s, u"[USER:%1][SEQ:%2]"_s.arg(user.id).arg(n)},
                            {u"back"_s, u"[MARKER:%1_%2]"_s.arg(user.id).arg(n)}});
                    tally.record(result, {201});
                    if (result.status == 201)
                        acknowledged[i].append(result.json()[u"card_id"_s].toInteger());
                }
                return;
            }
            for (int n = 0; n < kReviewsPerReviewer; ++n) {
                const auto next = testsupport::call(*http, "GET", u"/api/v1/review/next"_s, user.token);
                tally.record(next, {200});
                if (next.status != 200)
                    continue;
                const QJsonObject card = next.json()[u"card"_s].toObject();
                const auto answer = testsupport::call(*http, "POST", u"/api/v1/review/answer"_s, user.token,
                    {{u"card_id"_s, card[u"card_id"_s].toInteger()},
                        {u"ease"_s, 4}, // Easy: leaves today's queue
                        {u"expected_reps"_s, card[u"reps"_s].toInt()}});
                tally.record(answer, {200});
                if (answer.status == 200)
                    ++answered[i];
            }
        });
        QVERIFY2(tally.unexpected.isEmpty(), qPrintable(tally.unexpected.join(u'\n')));
        for (int i = 0; i < kWriters + kReviewers; ++i) {
            const QString path = server.backend().context().collectionPath(users[i].id);
            if (i < kWriters) {
                QCOMPARE(acknowledged[i].size(), kCardsPerWriter);
                for (qint64 cardId : acknowledged[i])
                    QCOMPARE(
                        count(path, u"SELECT count(*) FROM cards WHERE id = %1"_s.arg(cardId)), qint64(1));
                QCOMPARE(count(path,
                             u"SELECT count(*) FROM notes WHERE flds LIKE '[USER:%1]%'"_s.arg(users[i].id)),
                    qint64(kCardsPerWriter));
            } else {
                QCOMPARE(answered[i], kReviewsPerReviewer);
                QCOMPARE(count(path, u"SELECT count(*) FROM revlog"_s), qint64(kReviewsPerReviewer));
                QCOMPARE(count(path, u"SELECT sum(reps) FROM cards"_s), qint64(kReviewsPerReviewer));
            }
            // Cross-contamination: no other user's marker is in this file.
            QCOMPARE(
                count(path,
                    u"SELECT count(*) FROM notes WHERE flds LIKE '[USER:%' AND flds NOT LIKE '[USER:%1]%'"_s
                        .arg(users[i].id)),
                qint64(0));
            QCOMPARE(testsupport::collectionIntegrity(path), u"ok"_s);
        }
    }

    void loginBurst_leavesWorkersFreeForStudy()
    {
        // Password hashing has a pool of its own: with a single worker, a
        // burst of slow logins must not hold up a request for a collection.
        TestServer::Options options;
        options.threads = 1;
        options.hashIterations = 400000; // ~0.5 s a hash, so the burst lasts seconds
        TestServer server(options);
        const auto user = server.createUser(u"student"_s);
        constexpr int kLogins = 8;
        std::atomic<int> answered {0};
        std::atomic<int> succeeded {0};
        std::jthread burst([&] {
            runThreads(kLogins, [&](int) {
                auto http = server.client();
                const auto result = testsupport::call(*http, "POST", u"/api/v1/login"_s, {},
                    {{u"username"_s, user.username}, {u"password"_s, user.password}});
                succeeded += result.status == 200 ? 1 : 0;
                ++answered;
            });
        });
        QTRY_VERIFY_WITH_TIMEOUT(server.server().inFlight() >= kLogins, 10000); // all of them inside

        auto http = server.client();
        const auto decks = testsupport::call(*http, "GET", u"/api/v1/decks"_s, user.token, {});
        const int loginsDoneMeanwhile = answered.load();
        QCOMPARE(decks.status, 200);
        // Behind the logins on one shared worker it would come after all eight.
        QVERIFY2(loginsDoneMeanwhile < kLogins / 2, qPrintable(QString::number(loginsDoneMeanwhile)));
        burst.join();
        QCOMPARE(succeeded.load(), kLogins);
    }

    void eightClientsOfOneUser_fullSpeed_everyCardExactlyOnce()
    {
        TestServer server;
        const auto user = server.createUser(u"hotuser"_s);
        constexpr int kClients = 8, kCards = 150;
        Tally tally;
        std::mutex idsMutex;
        QList<qint64> ids;
        runThreads(kClients, [&](int client) {
            auto http = server.client();
            for (int n = 0; n < kCards; ++n) {
                const auto result = testsupport::call(*http, "POST", u"/api/v1/cards"_s, user.token,
                    {{u"front"_s, u"[C:%1][SEQ:%2]"_s.arg(client).arg(n)}, {u"back"_s, u"b"_s}});
                tally.record(result, {201});
                if (result.status == 201) {
                    const std::lock_guard lock(idsMutex);
                    ids.append(result.json()[u"card_id"_s].toInteger());
                }
            }
        });
        QVERIFY2(tally.unexpected.isEmpty(),
            qPrintable(tally.unexpected.join(u'\n'))); // no 500, no "database is locked"
        QCOMPARE(ids.size(), kClients * kCards);
        QCOMPARE(QSet<qint64>(ids.begin(), ids.end()).size(), kClients * kCards);
        const QString path = server.backend().context().collectionPath(user.id);
        QCOMPARE(count(path, u"SELECT count(*) FROM cards"_s), qint64(kClients * kCards));
        QCOMPARE(count(path, u"SELECT count(DISTINCT flds) FROM notes"_s), qint64(kClients * kCards));
        const auto lock = server.backend().locks().statistics(user.id);
        QVERIFY(lock);
        QCOMPARE(lock->timeouts, quint64(0));
    }

    void logoutWhileFourRequestsOfTheSessionAreInFlight_nothingAfterLogoutIsServed()
    {
        TestServer server;
        const auto user = server.createUser(u"leaver"_s);
        std::atomic<bool> loggedOut {false};
        std::atomic<int> servedBeforeLogout {0};
        Tally tally;
        QStringList violations;
        std::mutex violationsMutex;
        std::atomic<int> started {0};
        std::thread logout([&] {
            // A condition, bounded: enough requests were served first (a broken server fails below, never
            // hangs).
            const QDeadlineTimer deadline(30000);
            while (servedBeforeLogout.load() < 20 && !deadline.hasExpired())
                std::this_thread::yield();
            auto http = server.client();
            const auto result = testsupport::call(*http, "POST", u"/api/v1/logout"_s, user.token);
            tally.record(result, {204});
            loggedOut = true;
        });
        runThreads(4, [&](int thread) {
            auto http = server.client();
            ++started;
            for (int n = 0; n < 200; ++n) {
                const bool afterLogout = loggedOut.load(); // read before sending
                const auto result = thread % 2 == 0
                    ? testsupport::call(*http, "POST", u"/api/v1/cards"_s, user.token,
                        {{u"front"_s, u"f%1"_s.arg(n)}, {u"back"_s, u"b"_s}})
                    : testsupport::call(*http, "GET", u"/api/v1/me"_s, user.token);
                tally.record(result, {200, 201, 401});
                if (result.status != 401 && !afterLogout)
                    ++servedBeforeLogout;
                if (afterLogout && result.status != 401) {
                    const std::lock_guard lock(violationsMutex);
                    violations.append(u"request sent after logout got %1"_s.arg(result.status));
                }
                if (afterLogout && n > 0 && result.status == 401)
                    break;
            }
        });
        logout.join();
        QVERIFY2(tally.unexpected.isEmpty(), qPrintable(tally.unexpected.join(u'\n')));
        QVERIFY2(violations.isEmpty(), qPrintable(violations.join(u'\n')));
        QVERIFY(loggedOut.load());
        QVERIFY(servedBeforeLogout.load() >= 20);
        auto http = server.client();
        QCOMPARE(testsupport::call(*http, "GET", u"/api/v1/me"_s, user.token).status, 401);
    }

    void oneIdempotencyKeyFromFourThreads_createsOneCard()
    {
        TestServer server;
        const auto user = server.createUser(u"retrier"_s);
        for (int round = 0; round < 5; ++round) {
            const QByteArray key = "same-key-" + QByteArray::number(round);
            QList<net::HttpResult> results(4);
            runThreads(4, [&](int i) {
                auto http = server.client();
                results[i] = testsupport::call(*http, "POST", u"/api/v1/cards"_s, user.token,
                    {{u"front"_s, u"once %1"_s.arg(round)}, {u"back"_s, u"b"_s}}, {{"Idempotency-Key", key}});
            });
            QSet<qint64> cardIds;
            int replayed = 0;
            for (const auto &result : results) {
                QCOMPARE(result.status, 201);
                cardIds.insert(result.json()[u"card_id"_s].toInteger());
                replayed += result.header("idempotent-replayed") == "true";
            }
            QCOMPARE(cardIds.size(), 1);
            QCOMPARE(replayed, 3);
            QCOMPARE(count(server.backend().context().collectionPath(user.id),
                         u"SELECT count(*) FROM notes WHERE flds LIKE 'once %1%'"_s.arg(round)),
                qint64(1));
        }
    }
};

QTEST_GUILESS_MAIN(TestApiConcurrency)
#include "tst_apiconcurrency.moc"
