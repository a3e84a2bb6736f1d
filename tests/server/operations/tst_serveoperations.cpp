// `javumbo serve` as an operator runs it: the real binary in its own process,
// on an OS-chosen port and a temporary data directory. Data-directory locking,
// stale locks, busy ports, unwritable and read-only storage (as uid 65534 via
// setpriv when the test runs as root, since root ignores permission bits),
// SIGTERM/SIGINT during a write burst, after many users' writes and right after
// the listening line, `javumbo users` next to a running server, and the JSON
// access log.
//
// Synchronisation is always on a condition with a deadline (the "listening
// on" line, process exit, a counter of acknowledged writes), never a sleep.
#include "javumboprocess.h"
#include "processclient.h"
#include "testserver.h"
#include "threadrunner.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <array>

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace javumbo;
using javumbo::testsupport::runJavumbo;
using javumbo::testsupport::ServeProcess;
using namespace javumbo::testsupport::processclient;

// QVERIFY2 with a message built as a QByteArray (QT_NO_CAST_FROM_BYTEARRAY is on).
#define VERIFY_MSG(condition, message) QVERIFY2(condition, QByteArray(message).constData())

namespace {

constexpr int kStartTimeoutMs = testsupport::kJavumboStartTimeoutMs;
constexpr int kExitTimeoutMs = testsupport::kJavumboExitTimeoutMs;
// The uid/gid the permission tests run the server as when the test runs as
// root, because root ignores permission bits ("nobody" on Debian).
constexpr uid_t kUnprivilegedId = 65534;

bool runningAsRoot()
{
    return ::geteuid() == 0;
}

QString setprivPath()
{
    return QStandardPaths::findExecutable(u"setpriv"_s);
}

// What runs the server as uid/gid 65534 when we are root (setpriv); nothing
// otherwise: ServeProcess::start()'s launcher.
QStringList unprivileged()
{
    if (!runningAsRoot())
        return {};
    return {setprivPath(), u"--reuid=%1"_s.arg(kUnprivilegedId), u"--regid=%1"_s.arg(kUnprivilegedId),
        u"--clear-groups"_s};
}

// Makes `path` owned by the uid the unprivileged server runs as (no-op unless root).
bool giveToServer(const QString &path)
{
    if (!runningAsRoot())
        return true;
    return ::chown(QFile::encodeName(path).constData(), kUnprivilegedId, kUnprivilegedId) == 0;
}

bool setMode(const QString &path, mode_t mode)
{
    return ::chmod(QFile::encodeName(path).constData(), mode) == 0;
}

// `sqlite3 -batch FILE SQL`, one output line per row.
QStringList sqliteShell(const QString &database, const QString &sql, QString *failure)
{
    const QString shell = QStandardPaths::findExecutable(u"sqlite3"_s);
    if (shell.isEmpty()) {
        *failure = u"the sqlite3 shell is not installed (packaging/dev.sh installs it)"_s;
        return {};
    }
    QProcess process;
    process.start(shell, {u"-batch"_s, database, sql});
    if (!process.waitForFinished(kExitTimeoutMs) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        *failure = u"sqlite3 %1 \"%2\" failed: %3"_s.arg(
            database, sql, QString::fromUtf8(process.readAllStandardError()));
        return {};
    }
    failure->clear();
    return QString::fromUtf8(process.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
}

} // namespace

class TestServeOperations : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        testsupport::enterTestMode();
        VERIFY_MSG(QFileInfo(testsupport::javumboBinary()).isExecutable(),
            "the javumbo binary was not built: " + testsupport::javumboBinary().toUtf8());
    }

    void secondServe_onSameDataDirectory_isRefused()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        ServeProcess first;
        first.start({u"--data-dir"_s, dir.path()});
        VERIFY_MSG(first.waitListening(), first.diagnostics());

        ServeProcess second;
        second.start({u"--data-dir"_s, dir.path()});
        VERIFY_MSG(second.waitFinished(kStartTimeoutMs),
            "the second server is still running on the same data directory");
        QCOMPARE(second.process().exitStatus(), QProcess::NormalExit);
        VERIFY_MSG(second.process().exitCode() != 0, second.diagnostics());
        VERIFY_MSG(!second.out().contains("listening on"), second.diagnostics());
        VERIFY_MSG(second.err().contains("another Javumbo server"), second.diagnostics());
        VERIFY_MSG(second.err().contains(QByteArray("pid " + QByteArray::number(first.pid()))),
            second.diagnostics());

        const auto health = http(first.port(), "GET", u"/api/v1/health"_s);
        QCOMPARE(health.status, 200);
        QCOMPARE(health.json()[u"status"_s].toString(), u"ok"_s);

        first.process().terminate();
        VERIFY_MSG(first.waitFinished(), first.diagnostics());
        QCOMPARE(first.process().exitCode(), 0);
    }

    void staleLock_ofDeadProcess_isRecovered()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString lockFile = dir.filePath(u"javumbo-server.lock"_s);
        {
            ServeProcess doomed;
            doomed.start({u"--data-dir"_s, dir.path()});
            VERIFY_MSG(doomed.waitListening(), doomed.diagnostics());
            QVERIFY(QFile::exists(lockFile));
            doomed.process().kill(); // SIGKILL: no clean-up, the lock file stays behind
            QVERIFY(doomed.waitFinished());
            QCOMPARE(doomed.process().exitStatus(), QProcess::CrashExit);
        }
        VERIFY_MSG(
            QFile::exists(lockFile), "SIGKILL should have left the lock file (else this tests nothing)");

        ServeProcess again;
        again.start({u"--data-dir"_s, dir.path()});
        VERIFY_MSG(again.waitListening(), again.diagnostics());
        QCOMPARE(http(again.port(), "GET", u"/api/v1/health"_s).status, 200);
        again.process().terminate();
        VERIFY_MSG(again.waitFinished(), again.diagnostics());
        QCOMPARE(again.process().exitCode(), 0);
    }

    void portInUse_isAClearError()
    {
        QTcpServer blocker;
        QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
        const quint16 taken = blocker.serverPort();
        QTemporaryDir dir;
        QVERIFY(dir.isValid());

        const auto result
            = runJavumbo({u"serve"_s, u"--port"_s, QString::number(taken), u"--data-dir"_s, dir.path()});
        VERIFY_MSG(result.finished, "serve keeps running on a port that is taken");
        QCOMPARE(result.exitStatus, QProcess::NormalExit);
        VERIFY_MSG(result.exitCode != 0, result.describe());
        VERIFY_MSG(!result.out.contains("listening on"), result.describe());
        VERIFY_MSG(
            result.err.contains(QByteArray::number(taken)), "stderr does not name the port: " + result.err);
        // The refused start must not leave the data directory claimed.
        VERIFY_MSG(!QFile::exists(dir.filePath(u"javumbo-server.lock"_s)), "lock file left behind");
    }

    void unwritableDataDirectory_isAClearError()
    {
        if (runningAsRoot())
            VERIFY_MSG(!setprivPath().isEmpty(), "setpriv (util-linux) is needed to drop root for this test");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(setMode(dir.path(), 0755)); // the unprivileged server must reach data/
        const QString data = dir.filePath(u"data"_s);
        QVERIFY(QDir().mkdir(data));
        QVERIFY(setMode(data, 0555)); // owned by us: read-only for the server's uid
        auto restore = qScopeGuard([&] { setMode(data, 0755); });

        ServeProcess serve;
        serve.start({u"--data-dir"_s, data}, unprivileged());
        VERIFY_MSG(
            serve.waitFinished(kStartTimeoutMs), "serve keeps running on an unwritable data directory");
        QCOMPARE(serve.process().exitStatus(), QProcess::NormalExit);
        VERIFY_MSG(serve.process().exitCode() != 0, serve.diagnostics());
        VERIFY_MSG(!serve.out().contains("listening on"), serve.diagnostics());
        VERIFY_MSG(serve.err().contains("not writable"), serve.diagnostics());
        VERIFY_MSG(serve.err().contains(data.toUtf8()), serve.diagnostics());
        QVERIFY(QDir(data).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden));
    }

    void readOnlyDataDirectory_givesClearErrorsNotCorruption()
    {
        if (runningAsRoot())
            VERIFY_MSG(!setprivPath().isEmpty(), "setpriv (util-linux) is needed to drop root for this test");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(setMode(dir.path(), 0755));
        const QString data = dir.filePath(u"data"_s);
        QVERIFY(QDir().mkdir(data));
        QVERIFY(giveToServer(data));
        const QString userDbs = QDir(data).filePath(u"user_dbs"_s);

        // A user with a few cards, written by a normal (unprivileged) server.
        HttpAccount reader;
        QStringList cardIds;
        {
            ServeProcess serve;
            serve.start({u"--data-dir"_s, data}, unprivileged());
            VERIFY_MSG(serve.waitListening(), serve.diagnostics());
            QByteArray why;
            VERIFY_MSG(signUp(serve.port(), u"reader"_s, &reader, &why), why);
            for (int i = 0; i < 5; ++i) {
                const auto added = http(serve.port(), "POST", u"/api/v1/cards"_s, reader.token,
                    {{u"front"_s, u"front %1"_s.arg(i)}, {u"back"_s, u"back"_s}});
                VERIFY_MSG(added.status == 201, describe(added));
                cardIds << cardIdOf(added);
            }
            serve.process().terminate();
            VERIFY_MSG(serve.waitFinished(), serve.diagnostics());
            QCOMPARE(serve.process().exitCode(), 0);
        }
        const QString collection = QDir(userDbs).filePath(u"user_%1.db"_s.arg(reader.id));
        VERIFY_MSG(QFile::exists(collection), qPrintable(collection));
        auto restore = qScopeGuard([&] {
            setMode(userDbs, 0755);
            setMode(collection, 0644);
        });

        // One run of the server on the read-only collection: a write is a 503
        // storage_unavailable that says read-only, never a 500; reports the read's status.
        auto againstReadOnly = [&](const char *phase, int *getStatus, QByteArray *getBody) {
            ServeProcess serve;
            serve.start({u"--data-dir"_s, data}, unprivileged());
            VERIFY_MSG(serve.waitListening(), phase + (": " + serve.diagnostics()));
            if (http(serve.port(), "GET", u"/api/v1/me"_s, reader.token).status == 401) {
                QByteArray why;
                VERIFY_MSG(signUp(serve.port(), reader.username, &reader, &why, true), why);
            }
            const auto write = http(serve.port(), "POST", u"/api/v1/cards"_s, reader.token,
                {{u"front"_s, u"refused"_s}, {u"back"_s, u"refused"_s}});
            VERIFY_MSG(write.status == 503, phase + (": POST /cards answered " + describe(write)));
            QCOMPARE(write.errorCode(), u"storage_unavailable"_s);
            VERIFY_MSG(write.json()[u"error"_s][u"message"_s].toString().contains(u"read-only"_s),
                phase + (": " + describe(write)));
            VERIFY_MSG(!write.header("retry-after").isEmpty(), "a 503 without Retry-After");

            const auto read = http(serve.port(), "GET", u"/api/v1/cards"_s, reader.token);
            *getStatus = read.status;
            *getBody = describe(read);
            VERIFY_MSG(read.status != 500, phase + (": GET /cards answered " + describe(read)));
            if (read.status == 200) {
                QStringList listed;
                for (const QJsonValue &card : read.json()[u"cards"_s].toArray())
                    listed << QString::number(card[u"card_id"_s].toInteger());
                listed.sort();
                QStringList expected = cardIds;
                expected.sort();
                QCOMPARE(listed, expected);
                const auto one
                    = http(serve.port(), "GET", u"/api/v1/cards/"_s + cardIds.first(), reader.token);
                VERIFY_MSG(one.status == 200, phase + (": GET /cards/{id} answered " + describe(one)));
            }
            serve.process().terminate();
            VERIFY_MSG(serve.waitFinished(), serve.diagnostics());
            QCOMPARE(serve.process().exitCode(), 0);
            VERIFY_MSG(!serve.err().contains("answered 500"), serve.diagnostics());
        };

        // Phase 1 (first, while no -wal/-shm exist): user_dbs/ 0555 and the collection 0444.
        QVERIFY(setMode(collection, 0444));
        QVERIFY(setMode(userDbs, 0555));
        int readOnlyDirGet = 0;
        QByteArray readOnlyDirBody;
        againstReadOnly("user_dbs/ and collection read-only", &readOnlyDirGet, &readOnlyDirBody);
        if (QTest::currentTestFailed())
            return;

        // Phase 2: only the collection file read-only.
        QVERIFY(setMode(userDbs, 0755));
        int readOnlyFileGet = 0;
        QByteArray readOnlyFileBody;
        againstReadOnly("collection read-only", &readOnlyFileGet, &readOnlyFileBody);
        if (QTest::currentTestFailed())
            return;

        // Nothing corrupted, nothing lost (checked with write access restored).
        restore.dismiss();
        QVERIFY(setMode(userDbs, 0755));
        QVERIFY(setMode(collection, 0644));
        QString failure;
        QCOMPARE(sqliteShell(collection, u"PRAGMA integrity_check"_s, &failure), QStringList {u"ok"_s});
        VERIFY_MSG(failure.isEmpty(), qPrintable(failure));
        QStringList stored = sqliteShell(collection, u"SELECT id FROM cards"_s, &failure);
        VERIFY_MSG(failure.isEmpty(), qPrintable(failure));
        stored.sort();
        cardIds.sort();
        QCOMPARE(stored, cardIds);
        QCOMPARE(sqliteShell(QDir(data).filePath(u"admin.db"_s), u"PRAGMA integrity_check"_s, &failure),
            QStringList {u"ok"_s});

        VERIFY_MSG(
            readOnlyFileGet == 200, "collection file read-only: GET /cards answered " + readOnlyFileBody);
        // With user_dbs/ read-only too, SQLite cannot create the WAL side files it needs even to read
        // (sqlite.org/wal.html, "Read-Only Databases"): reads must then fail clearly, never with a 500.
        VERIFY_MSG(readOnlyDirGet == 200
                || (readOnlyDirGet == 503 && readOnlyDirBody.contains("storage_unavailable")
                    && readOnlyDirBody.contains("read-only")),
            "user_dbs/ 0555 + collection 0444: GET /cards answered " + readOnlyDirBody
                + " (expected 200, or 503 storage_unavailable naming read-only)");
    }

    void sigterm_duringWriteBurst_losesNoAcknowledgedCard()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        ServeProcess serve;
        serve.start({u"--data-dir"_s, dir.path(), u"--log-file"_s, dir.filePath(u"access.log"_s)});
        VERIFY_MSG(serve.waitListening(), serve.diagnostics());
        HttpAccount writer;
        QByteArray why;
        VERIFY_MSG(signUp(serve.port(), u"writer"_s, &writer, &why), why);

        constexpr int kWriters = 4;
        constexpr int kBeforeSignal = 300;
        struct PerWriter
        {
            std::vector<qint64> acknowledged;
            int unknown = 0;
            int acknowledgedAfterSignal = 0;
            std::map<int, int> otherStatuses;
            QString unexpectedNetworkError;
        };
        std::vector<PerWriter> results(kWriters);
        std::atomic<int> acknowledged {0};
        std::atomic<bool> signalled {false};
        std::atomic<bool> stop {false};
        std::mutex mutex;
        std::condition_variable enough;
        const quint16 port = serve.port();
        const QString token = writer.token;

        std::vector<std::thread> threads;
        auto joinAll = qScopeGuard([&] {
            stop = true;
            for (std::thread &thread : threads)
                thread.join();
        });
        for (int w = 0; w < kWriters; ++w) {
            threads.emplace_back([&, w] {
                PerWriter &mine = results[size_t(w)];
                net::HttpClient client(u"127.0.0.1"_s, port, std::chrono::seconds(15));
                for (int i = 0; !stop.load(); ++i) {
                    net::HttpCall call;
                    call.method = "POST";
                    call.path = u"/api/v1/cards"_s;
                    call.bearerToken = token;
                    call.body = QJsonDocument(
                        QJsonObject {{u"front"_s, u"burst %1-%2"_s.arg(w).arg(i)}, {u"back"_s, u"back"_s}})
                                    .toJson(QJsonDocument::Compact);
                    const bool afterSignal = signalled.load();
                    auto result = client.send(call);
                    if (!result) {
                        ++mine.unknown; // the card may or may not exist
                        if (!afterSignal && !signalled.load())
                            mine.unexpectedNetworkError = result.error().message;
                        break; // the server is going (or gone): nothing more to learn
                    }
                    if (result->status == 201) {
                        mine.acknowledged.push_back(result->json()[u"card_id"_s].toInteger());
                        if (afterSignal)
                            ++mine.acknowledgedAfterSignal;
                        if (acknowledged.fetch_add(1) + 1 == kBeforeSignal) {
                            {
                                std::lock_guard lock(mutex);
                            }
                            enough.notify_all();
                        }
                    } else {
                        ++mine.otherStatuses[result->status];
                    }
                }
            });
        }
        {
            std::unique_lock lock(mutex);
            VERIFY_MSG(enough.wait_for(lock, std::chrono::seconds(30),
                           [&] { return acknowledged.load() >= kBeforeSignal; }),
                qPrintable(u"only %1 cards acknowledged in 30 s"_s.arg(acknowledged.load())));
        }
        signalled = true;
        serve.process().terminate(); // SIGTERM while the writers keep writing
        VERIFY_MSG(serve.waitFinished(), "serve did not exit after SIGTERM: " + serve.diagnostics());
        joinAll.dismiss();
        stop = true;
        for (std::thread &thread : threads)
            thread.join();

        QCOMPARE(serve.process().exitStatus(), QProcess::NormalExit);
        VERIFY_MSG(serve.process().exitCode() == 0, serve.diagnostics());
        VERIFY_MSG(serve.out().contains("stopped"), serve.diagnostics());

        std::set<qint64> ids;
        int total = 0, unknown = 0, afterSignal = 0;
        std::map<int, int> otherStatuses;
        for (const PerWriter &mine : results) {
            VERIFY_MSG(mine.unexpectedNetworkError.isEmpty(),
                qPrintable(u"network error before SIGTERM: "_s + mine.unexpectedNetworkError));
            ids.insert(mine.acknowledged.cbegin(), mine.acknowledged.cend());
            total += int(mine.acknowledged.size());
            unknown += mine.unknown;
            afterSignal += mine.acknowledgedAfterSignal;
            for (const auto &[status, count] : mine.otherStatuses)
                otherStatuses[status] += count;
        }
        QString others;
        for (const auto &[status, count] : otherStatuses)
            others += u" %1×%2"_s.arg(count).arg(status);
        qInfo("acknowledged %d cards (%d after SIGTERM), %d unknown, other statuses:%s", total, afterSignal,
            unknown, qPrintable(others));
        QVERIFY(total >= kBeforeSignal);
        QCOMPARE(int(ids.size()), total); // two 201s never name the same card
        VERIFY_MSG(otherStatuses.count(500) == 0, qPrintable(u"500 answers:"_s + others));

        const QString collection = dir.filePath(u"user_dbs/user_%1.db"_s.arg(writer.id));
        QString failure;
        QCOMPARE(sqliteShell(collection, u"PRAGMA integrity_check"_s, &failure), QStringList {u"ok"_s});
        VERIFY_MSG(failure.isEmpty(), qPrintable(failure));
        const QStringList stored = sqliteShell(collection, u"SELECT id FROM cards"_s, &failure);
        VERIFY_MSG(failure.isEmpty(), qPrintable(failure));
        std::set<qint64> storedIds;
        for (const QString &id : stored)
            storedIds.insert(id.toLongLong());
        QStringList missing;
        for (qint64 id : ids) {
            if (!storedIds.count(id))
                missing << QString::number(id);
        }
        VERIFY_MSG(missing.isEmpty(),
            qPrintable(u"%1 acknowledged cards are missing after SIGTERM: %2"_s.arg(missing.size())
                           .arg(missing.mid(0, 20).join(u' '))));
        // Anything stored beyond the acknowledged ones came from requests whose answer was lost.
        VERIFY_MSG(int(storedIds.size()) <= total + unknown,
            qPrintable(
                u"%1 cards stored, but only %2 acknowledged + %3 unknown requests"_s.arg(storedIds.size())
                    .arg(total)
                    .arg(unknown)));
    }

    // Every pool thread ends up with a cached connection to each user's file it
    // served; a clean stop must close them all before the process exits, however
    // many there are. Many threads times many users make the closing take long
    // enough to matter (with the defaults the same happens, less often), and
    // three start/write/stop rounds on the same data directory make a stop that
    // races with process exit show up.
    void sigterm_afterWritesByManyUsers_exitsZero()
    {
        constexpr int kUsers = 16;
        constexpr int kServerThreads = 32;
        constexpr int kWriters = 16;
        constexpr int kSignUpThreads = 4;
        constexpr int kCardsPerRound = 3000;
        constexpr int kRounds = 3;
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        std::vector<HttpAccount> accounts(kUsers);
        QStringList exits;
        QByteArray lastCrash;

        for (int round = 0; round < kRounds; ++round) {
            ServeProcess serve;
            serve.start({u"--data-dir"_s, dir.path(), u"--log-file"_s, dir.filePath(u"access.log"_s),
                u"--threads"_s, QString::number(kServerThreads)});
            VERIFY_MSG(serve.waitListening(), serve.diagnostics());
            const quint16 port = serve.port();

            if (round == 0) { // sign-ups in parallel, each two PBKDF2 hashes; sessions outlive restarts
                std::vector<QByteArray> failures(kSignUpThreads);
                testsupport::runThreads(kSignUpThreads, [&](int t) {
                    for (int u = t; u < kUsers; u += kSignUpThreads) {
                        if (!signUp(port, u"many%1"_s.arg(u), &accounts[size_t(u)], &failures[size_t(t)]))
                            return;
                    }
                });
                for (const QByteArray &failure : failures)
                    VERIFY_MSG(failure.isEmpty(), failure);
            }

            std::atomic<int> next {0};
            std::atomic<int> acknowledged {0};
            std::vector<QByteArray> writeFailures(kWriters);
            testsupport::runThreads(kWriters, [&](int t) {
                net::HttpClient client(u"127.0.0.1"_s, port, std::chrono::seconds(15));
                for (int i = next++; i < kCardsPerRound; i = next++) {
                    net::HttpCall call;
                    call.method = "POST";
                    call.path = u"/api/v1/cards"_s;
                    call.bearerToken = accounts[size_t(i % kUsers)].token;
                    call.body = QByteArray(R"({"front":"card )" + QByteArray::number(i) + R"(","back":"b"})");
                    auto result = client.send(call);
                    if (!result || result->status != 201) {
                        writeFailures[size_t(t)]
                            = result ? describe(result.value()) : result.error().message.toUtf8();
                        return;
                    }
                    ++acknowledged;
                }
            });
            for (const QByteArray &failure : writeFailures)
                VERIFY_MSG(failure.isEmpty(), failure);
            QCOMPARE(acknowledged.load(), kCardsPerRound);

            serve.process().terminate();
            VERIFY_MSG(serve.waitFinished(), "serve did not exit after SIGTERM: " + serve.diagnostics());
            const bool clean
                = serve.process().exitStatus() == QProcess::NormalExit && serve.process().exitCode() == 0;
            exits << (serve.process().exitStatus() == QProcess::CrashExit
                    ? u"signal %1"_s.arg(serve.process().exitCode())
                    : u"exit %1"_s.arg(serve.process().exitCode()));
            if (!clean)
                lastCrash = serve.diagnostics();
            else
                VERIFY_MSG(serve.out().contains("stopped"), serve.diagnostics());
        }
        VERIFY_MSG(lastCrash.isEmpty(),
            "serve did not exit cleanly on SIGTERM after writes by " + QByteArray::number(kUsers)
                + " users on " + QByteArray::number(kServerThreads)
                + " threads; rounds: " + exits.join(u", "_s).toUtf8()
                + ". Pool threads still closing their cached connections when the process exits? Last one:\n"
                + lastCrash);
    }

    void sigint_exitsZero()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        ServeProcess serve;
        serve.start({u"--data-dir"_s, dir.path()});
        VERIFY_MSG(serve.waitListening(), serve.diagnostics());
        // Serving for real first (see signalRightAfterListeningLine_isHandled for the moment before).
        QCOMPARE(http(serve.port(), "GET", u"/api/v1/health"_s).status, 200);
        serve.signal(SIGINT);
        VERIFY_MSG(serve.waitFinished(), "serve did not exit on SIGINT: " + serve.diagnostics());
        QCOMPARE(serve.process().exitStatus(), QProcess::NormalExit);
        VERIFY_MSG(serve.process().exitCode() == 0, serve.diagnostics());
        VERIFY_MSG(serve.out().contains("stopped"), serve.diagnostics());
        VERIFY_MSG(!QFile::exists(dir.filePath(u"javumbo-server.lock"_s)), "a clean exit left the lock file");
    }

    // The listening line is the readiness signal that scripts and supervisors
    // wait for: a SIGTERM sent the moment it appears must already be handled
    // (exit 0 after a clean stop), not kill the process with the default action.
    // The window is short and how often it is hit depends on the machine's load,
    // so try up to kTries times and stop at the first kill.
    void signalRightAfterListeningLine_isHandled()
    {
        constexpr int kTries = 60;
        for (int i = 1; i <= kTries; ++i) {
            QTemporaryDir dir;
            QVERIFY(dir.isValid());
            ServeProcess serve;
            serve.start({u"--data-dir"_s, dir.path(), u"--log-file"_s, dir.filePath(u"access.log"_s)});
            VERIFY_MSG(serve.waitListening(), serve.diagnostics());
            serve.signal(SIGTERM);
            VERIFY_MSG(serve.waitFinished(), "serve did not exit on SIGTERM: " + serve.diagnostics());
            VERIFY_MSG(serve.process().exitStatus() == QProcess::NormalExit,
                "try " + QByteArray::number(i) + " of " + QByteArray::number(kTries)
                    + ": serve was killed by a SIGTERM sent right after its listening line (signal "
                    + QByteArray::number(serve.process().exitCode())
                    + "): the line is printed before the signal handlers are installed"
                      " (app/servecommand.cpp prints it, then constructs SignalWatcher).\n"
                    + serve.diagnostics());
            VERIFY_MSG(serve.process().exitCode() == 0, serve.diagnostics());
            VERIFY_MSG(serve.out().contains("stopped"), serve.diagnostics());
        }
    }

    void usersCommand_worksWhileServerRuns()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        ServeProcess serve;
        serve.start({u"--data-dir"_s, dir.path()});
        VERIFY_MSG(serve.waitListening(), serve.diagnostics());
        const quint16 port = serve.port();

        const auto added = runJavumbo(
            {u"users"_s, u"add"_s, u"carol"_s, u"--email"_s, u"c@x.org"_s, u"--data-dir"_s, dir.path()},
            "password-carol\n");
        VERIFY_MSG(added.finished && added.exitCode == 0, added.describe());
        HttpAccount carol;
        QByteArray why;
        VERIFY_MSG(signUp(port, u"carol"_s, &carol, &why, true), why);
        QCOMPARE(http(port, "GET", u"/api/v1/me"_s, carol.token).status, 200);

        const auto disabled = runJavumbo({u"users"_s, u"disable"_s, u"carol"_s, u"--data-dir"_s, dir.path()});
        VERIFY_MSG(disabled.finished && disabled.exitCode == 0, disabled.describe());
        const auto afterDisable = http(port, "GET", u"/api/v1/me"_s, carol.token);
        VERIFY_MSG(
            afterDisable.status == 401, "a disabled user's token still works: " + describe(afterDisable));
        const auto loginDisabled = http(port, "POST", u"/api/v1/login"_s, {},
            {{u"username"_s, u"carol"_s}, {u"password"_s, carol.password}});
        VERIFY_MSG(loginDisabled.status != 200, "a disabled user can log in: " + describe(loginDisabled));

        const auto listed = runJavumbo({u"users"_s, u"list"_s, u"--data-dir"_s, dir.path()});
        VERIFY_MSG(listed.finished && listed.exitCode == 0, listed.describe());
        QStringList carolRow;
        for (const QString &line : QString::fromUtf8(listed.out).split(u'\n')) {
            const QStringList columns = line.split(u'\t');
            if (columns.value(1) == u"carol"_s)
                carolRow = columns;
        }
        VERIFY_MSG(carolRow.size() >= 5, listed.out);
        QCOMPARE(carolRow.at(2), u"c@x.org"_s);
        QCOMPARE(carolRow.at(4), u"yes"_s); // disabled

        const auto addDave = runJavumbo(
            {u"users"_s, u"add"_s, u"dave"_s, u"--email"_s, u"d@x.org"_s, u"--data-dir"_s, dir.path()},
            "password-dave\n");
        VERIFY_MSG(addDave.finished && addDave.exitCode == 0, addDave.describe());
        HttpAccount dave;
        VERIFY_MSG(signUp(port, u"dave"_s, &dave, &why, true), why);
        QCOMPARE(http(port, "GET", u"/api/v1/admin/sessions"_s, dave.token).status, 403);
        const auto granted
            = runJavumbo({u"users"_s, u"grant-admin"_s, u"dave"_s, u"--data-dir"_s, dir.path()});
        VERIFY_MSG(granted.finished && granted.exitCode == 0, granted.describe());
        const auto sessions = http(port, "GET", u"/api/v1/admin/sessions"_s, dave.token);
        VERIFY_MSG(sessions.status == 200, "grant-admin did not take effect: " + describe(sessions));
        QVERIFY(sessions.json()[u"active"_s].toInteger() >= 1);

        serve.process().terminate();
        VERIFY_MSG(serve.waitFinished(), serve.diagnostics());
        QCOMPARE(serve.process().exitCode(), 0);
    }

    // Two `javumbo users add` at once on a new data directory both create admin.db and
    // switch it to WAL; SQLite refuses one of them at once (SQLITE_BUSY without waiting),
    // which failed about one pair in two before the switch was retried (core/storage/database.cpp).
    void usersAdd_twoAtOnceOnANewDataDirectory_bothSucceed()
    {
        constexpr int kRounds = 8;
        for (int round = 0; round < kRounds; ++round) {
            QTemporaryDir dir;
            QVERIFY(dir.isValid());
            std::array<QProcess, 2> processes;
            const std::array<QString, 2> names {u"alice%1"_s.arg(round), u"bruno%1"_s.arg(round)};
            for (int i = 0; i < 2; ++i) {
                processes[i].setProcessEnvironment(javumbo::testsupport::childEnvironment());
                processes[i].start(javumbo::testsupport::javumboBinary(),
                    {u"users"_s, u"add"_s, names[i], u"--email"_s, names[i] + u"@example.org"_s,
                        u"--data-dir"_s, dir.path()});
            }
            for (int i = 0; i < 2; ++i) {
                QVERIFY(processes[i].waitForStarted());
                processes[i].write("password-" + names[i].toUtf8() + '\n');
                processes[i].closeWriteChannel();
            }
            for (int i = 0; i < 2; ++i) {
                QVERIFY(processes[i].waitForFinished(60000));
                VERIFY_MSG(processes[i].exitCode() == 0,
                    "round " + QByteArray::number(round) + ", " + names[i].toUtf8() + ": "
                        + processes[i].readAllStandardError());
            }
            const auto listed = runJavumbo({u"users"_s, u"list"_s, u"--data-dir"_s, dir.path()});
            VERIFY_MSG(listed.finished && listed.exitCode == 0, listed.describe());
            for (const QString &name : names)
                VERIFY_MSG(QString::fromUtf8(listed.out).contains(u'\t' + name + u'\t'), listed.out);
        }
    }

    void accessLog_json_hasOneLinePerRequestWithRequestId()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString logFile = dir.filePath(u"access.log"_s);
        ServeProcess serve;
        serve.start({u"--data-dir"_s, dir.path(), u"--log-format"_s, u"json"_s, u"--log-file"_s, logFile});
        VERIFY_MSG(serve.waitListening(), serve.diagnostics());

        struct Sent
        {
            QString id;
            QString path;
            int status;
            QString route;
        };
        const QList<Sent> sent {{u"a"_s, u"/api/v1/health"_s, 200, u"/api/v1/health"_s},
            {u"b"_s, u"/api/v1/me"_s, 401, u"/api/v1/me"_s},
            {u"c"_s, u"/api/v1/no-such-thing"_s, 404, u"unmatched"_s}};
        for (const Sent &request : sent) {
            const auto answer
                = http(serve.port(), "GET", request.path, {}, {}, {{"X-Request-Id", request.id.toLatin1()}});
            QCOMPARE(answer.status, request.status);
            QCOMPARE(answer.header("x-request-id"), request.id.toLatin1());
        }
        serve.process().terminate();
        VERIFY_MSG(serve.waitFinished(), serve.diagnostics());
        QCOMPARE(serve.process().exitCode(), 0);

        QFile file(logFile);
        VERIFY_MSG(file.open(QIODevice::ReadOnly), qPrintable(file.errorString()));
        const QList<QByteArray> lines = file.readAll().split('\n');
        const QStringList keys {u"time"_s, u"request_id"_s, u"remote"_s, u"user_id"_s, u"method"_s,
            u"route"_s, u"status"_s, u"duration_ms"_s, u"lock_wait_ms"_s};
        QMap<QString, QList<QJsonObject>> byId;
        for (const QByteArray &line : lines) {
            if (line.trimmed().isEmpty())
                continue;
            QJsonParseError error;
            const QJsonDocument document = QJsonDocument::fromJson(line, &error);
            VERIFY_MSG(
                error.error == QJsonParseError::NoError && document.isObject(), "not a JSON object: " + line);
            const QJsonObject entry = document.object();
            for (const QString &key : keys)
                VERIFY_MSG(
                    entry.contains(key), qPrintable(u"no \"%1\" in %2"_s.arg(key, QString::fromUtf8(line))));
            VERIFY_MSG(QDateTime::fromString(entry[u"time"_s].toString(), Qt::ISODateWithMs).isValid(), line);
            VERIFY_MSG(entry[u"duration_ms"_s].isDouble() && entry[u"duration_ms"_s].toDouble() >= 0, line);
            VERIFY_MSG(entry[u"lock_wait_ms"_s].isDouble() && entry[u"lock_wait_ms"_s].toDouble() >= 0, line);
            VERIFY_MSG(entry[u"user_id"_s].isDouble(), line);
            VERIFY_MSG(entry[u"status"_s].isDouble(), line);
            byId[entry[u"request_id"_s].toString()].append(entry);
        }
        for (const Sent &request : sent) {
            VERIFY_MSG(byId.value(request.id).size() == 1,
                qPrintable(
                    u"%1 lines with request_id %2"_s.arg(byId.value(request.id).size()).arg(request.id)));
            const QJsonObject entry = byId.value(request.id).first();
            QCOMPARE(entry[u"method"_s].toString(), u"GET"_s);
            QCOMPARE(entry[u"status"_s].toInt(), request.status);
            QCOMPARE(entry[u"route"_s].toString(), request.route);
            QCOMPARE(entry[u"remote"_s].toString().contains(u"127.0.0.1"_s), true);
        }
    }
};

QTEST_GUILESS_MAIN(TestServeOperations)
#include "tst_serveoperations.moc"
