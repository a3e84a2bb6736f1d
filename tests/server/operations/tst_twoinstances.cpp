// Two `javumbo serve --database` processes on one PostgreSQL, as an admin runs
// them behind a load balancer (docs/postgresql.md): whatever one instance
// does, the other sees at once — accounts made with `javumbo users`, sign-in,
// cards, a logout, the login throttle — and neither holds state of its own.

#include "javumboprocess.h"
#include "packagefixture.h"
#include "pgcluster.h"
#include "processclient.h"
#include "testsupport.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::testsupport;
using namespace javumbo::testsupport::processclient;
namespace fixture = javumbo::testsupport::packagefixture;

class TestTwoInstances : public QObject
{
    Q_OBJECT

    PgCluster m_cluster;
    QString m_database;
    QTemporaryDir m_dirA;
    QTemporaryDir m_dirB;
    ServeProcess m_a;
    ServeProcess m_b;

    void startInstance(ServeProcess &instance, const QTemporaryDir &dir, const QString &name)
    {
        instance.start({u"--port"_s, u"0"_s, u"--data-dir"_s, dir.path(), u"--database"_s, m_database,
            u"--instance-id"_s, name});
        QVERIFY2(instance.waitListening(), instance.diagnostics().constData());
    }

private slots:
    void initTestCase()
    {
        enterTestMode();
        QVERIFY2(m_cluster.start(), qPrintable(m_cluster.error()));
        const QString name = m_cluster.createDatabase();
        QVERIFY2(!name.isEmpty(), qPrintable(m_cluster.error()));
        m_database = m_cluster.connectionString(name);
        // An account made by the CLI before any server ran: the schema is made by whoever comes first.
        const CommandResult added = runJavumbo({u"users"_s, u"add"_s, u"carol"_s, u"--email"_s,
                                                   u"carol@example.org"_s, u"--database"_s, m_database},
            "password-carol\n");
        QVERIFY2(added.finished && added.exitCode == 0, added.describe().constData());
        startInstance(m_a, m_dirA, u"a"_s);
        startInstance(m_b, m_dirB, u"b"_s);
    }

    void accountsSessionsAndCards_areSharedByBothInstances()
    {
        HttpAccount maria;
        QByteArray why;
        QVERIFY2(signUp(m_a.port(), u"maria"_s, &maria, &why), why.constData()); // registers and logs in on a
        HttpAccount onB;
        QVERIFY2(signUp(m_b.port(), u"maria"_s, &onB, &why, true), why.constData()); // logs in on b

        const auto added = http(m_a.port(), "POST", u"/api/v1/cards"_s, maria.token,
            {{u"front"_s, u"hola"_s}, {u"back"_s, u"hello"_s}});
        QCOMPARE(added.status, 201);
        QCOMPARE(added.header("x-javumbo-instance"), QByteArray("a"));
        const auto listed = http(m_b.port(), "GET", u"/api/v1/cards"_s, onB.token);
        QCOMPARE(listed.status, 200);
        QCOMPARE(listed.header("x-javumbo-instance"), QByteArray("b"));
        const QJsonArray cards = listed.json()[u"cards"_s].toArray();
        QCOMPARE(cards.size(), 1);
        QCOMPARE(cards.first()[u"front"_s].toString(), u"hola"_s);

        // The CLI's account signs in on either instance.
        HttpAccount carol;
        QVERIFY2(signUp(m_b.port(), u"carol"_s, &carol, &why, true), why.constData());
        QCOMPARE(http(m_b.port(), "GET", u"/api/v1/cards"_s, carol.token).json()[u"total"_s].toInt(), 0);
    }

    // Media files are rows of PostgreSQL like the rest of the collection: an Anki package imported
    // through one instance shows its images through the other, and neither keeps them on its disk.
    void mediaImportedOnOneInstance_isServedByTheOther()
    {
        HttpAccount paula;
        QByteArray why;
        QVERIFY2(signUp(m_a.port(), u"paula"_s, &paula, &why), why.constData());
        QTemporaryDir packages;
        net::HttpClient client(u"127.0.0.1"_s, m_a.port(), std::chrono::seconds(20));
        const net::HttpCall upload {"POST", u"/api/v1/import?format=apkg"_s,
            fixture::readFile(fixture::legacyPackage(packages.path())), paula.token,
            {{"Content-Type", "application/zip"}}, false};
        const auto imported = client.send(upload);
        QVERIFY(imported.ok());
        QVERIFY2(imported->status == 200, describe(imported.value()).constData());
        QCOMPARE(imported->json()[u"media_added"_s].toInt(), 1);

        const auto onB = http(m_b.port(), "GET", u"/api/v1/media?name=cat.jpg"_s, paula.token);
        QVERIFY2(onB.status == 200, describe(onB).constData());
        QCOMPARE(onB.header("x-javumbo-instance"), QByteArray("b"));
        QCOMPARE(onB.body, fixture::catJpeg());
        for (const QTemporaryDir *dir : {&m_dirA, &m_dirB}) {
            QDirIterator files(dir->path(), {u"cat*"_s}, QDir::Files, QDirIterator::Subdirectories);
            QVERIFY2(!files.hasNext(), qPrintable(files.hasNext() ? files.next() : QString()));
        }
        // Exported from the other instance, the package carries the image again.
        const auto exported = http(m_b.port(), "GET", u"/api/v1/export?format=apkg"_s, paula.token);
        QVERIFY2(exported.status == 200, describe(exported).constData());
        QCOMPARE(exported.header("x-export-media"), QByteArray("1"));
    }

    void oneIdempotencyKeySentToBothInstancesAtOnce_makesOneCard()
    {
        HttpAccount user;
        QByteArray why;
        QVERIFY2(signUp(m_a.port(), u"retrier"_s, &user, &why), why.constData());
        constexpr int kKeys = 12;
        for (int k = 0; k < kKeys; ++k) {
            const QString key = u"both-%1"_s.arg(k);
            const QJsonObject body {{u"front"_s, u"twice %1"_s.arg(k)}, {u"back"_s, u"b"_s}};
            net::HttpResult answers[2];
            std::thread toB([&] {
                answers[1] = http(m_b.port(), "POST", u"/api/v1/cards"_s, user.token, body,
                    {{"Idempotency-Key", key.toUtf8()}});
            });
            answers[0] = http(m_a.port(), "POST", u"/api/v1/cards"_s, user.token, body,
                {{"Idempotency-Key", key.toUtf8()}});
            toB.join();
            for (const auto &answer : answers)
                QVERIFY2(answer.status == 201 || answer.status == 200, describe(answer).constData());
            QCOMPARE(cardIdOf(answers[0]), cardIdOf(answers[1]));
        }
        const auto listed = http(m_b.port(), "GET", u"/api/v1/cards?limit=100"_s, user.token);
        QCOMPARE(listed.json()[u"total"_s].toInt(), kKeys);
    }

    void aLogoutOnOneInstance_isRefusedAtOnceOnTheOther()
    {
        HttpAccount user;
        QByteArray why;
        QVERIFY2(signUp(m_a.port(), u"leaver"_s, &user, &why), why.constData());
        QCOMPARE(http(m_b.port(), "GET", u"/api/v1/decks"_s, user.token).status, 200);
        QCOMPARE(http(m_b.port(), "POST", u"/api/v1/logout"_s, user.token).status, 204);
        QCOMPARE(http(m_a.port(), "GET", u"/api/v1/decks"_s, user.token).status, 401);
        QCOMPARE(http(m_b.port(), "GET", u"/api/v1/decks"_s, user.token).status, 401);
    }

    void failedLoginsSpreadOverBothInstances_stillReach429()
    {
        HttpAccount target;
        QByteArray why;
        QVERIFY2(signUp(m_a.port(), u"target"_s, &target, &why), why.constData());
        // Alternate the instances: each alone sees only half of the failures.
        int refusedAt = 0;
        for (int attempt = 1; attempt <= 30 && refusedAt == 0; ++attempt) {
            const quint16 port = attempt % 2 ? m_a.port() : m_b.port();
            const auto result = http(port, "POST", u"/api/v1/login"_s, {},
                {{u"username"_s, u"target"_s}, {u"password"_s, u"wrong-%1"_s.arg(attempt)}});
            if (result.status == 429)
                refusedAt = attempt;
            else
                QCOMPARE(result.status, 401);
        }
        QVERIFY2(refusedAt > 0, "30 failed logins over two instances were never throttled");
        // Refused on both, as one server would.
        for (quint16 port : {m_a.port(), m_b.port()}) {
            const auto result = http(port, "POST", u"/api/v1/login"_s, {},
                {{u"username"_s, u"target"_s}, {u"password"_s, u"wrong-again"_s}});
            QCOMPARE(result.status, 429);
        }
        // The single server's limit (5 failures of one account from one address, then 429): with
        // per-instance counters each instance would allow 5, and the 429 would come at attempt 11.
        QCOMPARE(refusedAt, 6);
    }

    void loadTest_validatesInPostgres_andPasses()
    {
        // The checker reads every collection in PostgreSQL (PostgresReader), where the
        // revlog is visible: through the API it would be UNKNOWN.
        QTemporaryDir report;
        const CommandResult run = runJavumbo(
            {u"loadtest"_s, u"--quick"_s, u"--target"_s, u"http://127.0.0.1:%1"_s.arg(m_a.port()),
                u"--database"_s, m_database, u"--report"_s, report.path()});
        QVERIFY2(run.finished && run.exitCode == 0, run.describe().constData());
        QVERIFY2(run.out.contains("Integrity: PASS (validated postgres)"), run.out.constData());
        QVERIFY2(
            QRegularExpression(u"\\n  PASS +revlog +[1-9]"_s).match(QString::fromUtf8(run.out)).hasMatch(),
            run.out.constData());
    }

    // Every user's rows share PostgreSQL's tables: a statement that forgets its user_id filter
    // hands out other users' cards. The checker's cross-user GET /cards/{id} must catch it.
    void plantedUnfilteredCardRead_isCaughtAsMisplaced()
    {
        QTemporaryDir dir;
        ServeProcess faulty;
        faulty.start({u"--port"_s, u"0"_s, u"--data-dir"_s, dir.path(), u"--database"_s, m_database,
            u"--instance-id"_s, u"faulty"_s, u"--fault"_s, u"unfiltered-card-read"_s});
        QVERIFY2(faulty.waitListening(), faulty.diagnostics().constData());
        QTemporaryDir report;
        const CommandResult run = runJavumbo(
            {u"loadtest"_s, u"--quick"_s, u"--seed"_s, u"2"_s, // seed 1's users exist: the clean run's
                u"--target"_s, u"http://127.0.0.1:%1"_s.arg(faulty.port()), u"--database"_s, m_database,
                u"--report"_s, report.path()});
        QVERIFY2(run.finished && run.exitCode == 2, run.describe().constData()); // integrity violation
        QVERIFY2(run.out.contains("Integrity: FAIL"), run.out.constData());
        QVERIFY2(
            QRegularExpression(u"\\n  FAIL +misplaced +[1-9]"_s).match(QString::fromUtf8(run.out)).hasMatch(),
            run.out.constData());
    }

    void usersList_readsTheSharedAccounts()
    {
        const CommandResult listed = runJavumbo({u"users"_s, u"list"_s, u"--database"_s, m_database});
        QVERIFY2(listed.finished && listed.exitCode == 0, listed.describe().constData());
        for (const char *name : {"carol", "maria", "leaver", "target"})
            QVERIFY2(listed.out.contains(name), listed.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestTwoInstances)
#include "tst_twoinstances.moc"
