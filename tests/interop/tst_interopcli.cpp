// `javumbo import` and `javumbo export` as an operator runs them: the real
// binary on a data directory, also while `javumbo serve` runs on it.
#include "javumboprocess.h"
#include "net/httpclient.h"
#include "packagefixture.h"
#include "testserver.h"
#include "testsupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::testsupport;
namespace fixture = javumbo::testsupport::packagefixture;

class TestInteropCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString dataDir() const { return QDir(m_dir.path()).filePath(u"data"_s); }
    QString collectionOf(const QString &username) const
    {
        const qint64 id = queryNumber(QDir(dataDir()).filePath(u"admin.db"_s),
            u"SELECT id FROM accounts WHERE username = '%1'"_s.arg(username));
        return QDir(dataDir()).filePath(u"user_dbs/user_%1.db"_s.arg(id));
    }
    QString aliceDb() const { return collectionOf(u"alice"_s); }
    CommandResult addUser(const QString &name) const
    {
        return runJavumbo(
            {u"users"_s, u"add"_s, name, u"--email"_s, name + u"@example.org"_s, u"--data-dir"_s, dataDir()},
            "correct horse\n");
    }
    static QString login(net::HttpClient &http)
    {
        const auto session = testsupport::call(http, "POST", u"/api/v1/login"_s, {},
            {{u"username"_s, u"alice"_s}, {u"password"_s, u"correct horse"_s}});
        return session.json()[u"token"_s].toString();
    }

private slots:
    void initTestCase()
    {
        enterTestMode();
        const auto added = addUser(u"alice"_s);
        QVERIFY2(added.exitCode == 0, added.describe().constData());
    }

    void importThenExport_apkgAndCsv()
    {
        const QString package = fixture::legacyPackage(m_dir.path());
        const auto imported
            = runJavumbo({u"import"_s, package, u"--data-dir"_s, dataDir(), u"--user"_s, u"alice"_s});
        QVERIFY2(imported.exitCode == 0, imported.describe().constData());
        QVERIFY2(imported.out.contains("4 notes added"), imported.describe().constData());

        const QString out = QDir(m_dir.path()).filePath(u"out.apkg"_s);
        const auto exported = runJavumbo({u"export"_s, u"--format"_s, u"apkg"_s, u"--data-dir"_s, dataDir(),
            u"--profile"_s, u"alice"_s, u"-o"_s, out});
        QVERIFY2(exported.exitCode == 0, exported.describe().constData());
        QVERIFY(exported.out.contains("4 notes, 4 cards, 2 reviews, 1 media files"));
        QVERIFY(QFile::exists(out));

        const QString text = QDir(m_dir.path()).filePath(u"languages.txt"_s);
        const auto csv = runJavumbo({u"export"_s, u"--format"_s, u"csv"_s, u"--deck"_s, u"Languages"_s,
            u"--data-dir"_s, dataDir(), u"-o"_s, text});
        QVERIFY2(csv.exitCode == 0, csv.describe().constData());
        const QByteArray written = fixture::readFile(text);
        QVERIFY(written.startsWith("#separator:tab\n#html:true\n#guid column:1\n"));
        QCOMPARE(written.count('\n'), 6 + 3);

        const auto bad = runJavumbo({u"import"_s, text + u".missing"_s, u"--data-dir"_s, dataDir()});
        QCOMPARE(bad.exitCode, 1);
        const auto usage
            = runJavumbo({u"export"_s, u"--format"_s, u"pdf"_s, u"--data-dir"_s, dataDir(), u"-o"_s, out});
        QCOMPARE(usage.exitCode, 2);
    }

    void importWhileServing_serverSeesTheNotes()
    {
        ServeProcess server;
        server.start({u"--data-dir"_s, dataDir()});
        QVERIFY2(server.waitListening(), server.diagnostics().constData());
        const QString csv = QDir(m_dir.path()).filePath(u"more.csv"_s);
        QFile file(csv);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("#separator:comma\nsiete,seven\nocho,eight\n");
        file.close();
        const auto imported
            = runJavumbo({u"import"_s, csv, u"--data-dir"_s, dataDir(), u"--user"_s, u"alice"_s});
        QVERIFY2(imported.exitCode == 0, imported.describe().constData());
        QVERIFY(imported.out.contains("2 notes added"));

        net::HttpClient http(u"127.0.0.1"_s, server.port());
        const QString token = login(http);
        QVERIFY(!token.isEmpty());
        auto cards = http.send(net::HttpCall {"GET", u"/api/v1/cards?q=siete"_s, {}, token, {}, true});
        QVERIFY(cards.ok());
        QCOMPARE(cards->json()[u"total"_s].toInt(), 1);
        server.signal(SIGTERM);
        QVERIFY(server.waitFinished());
    }
    // The import's one write transaction and the server's answers meet in SQLite's
    // file locks (BEGIN IMMEDIATE, busy timeout): every answer the server
    // confirmed is in the revlog, every imported note arrives, nothing breaks.
    // An answer that waited longer than the busy timeout is refused with 503
    // storage_unavailable (docs/api.md), never lost; on a loaded machine that can
    // happen, so it is counted apart from real failures.
    void importWhileStudying_overHttp_noAnswerLost()
    {
        ServeProcess server;
        server.start({u"--data-dir"_s, dataDir()});
        QVERIFY2(server.waitListening(), server.diagnostics().constData());
        net::HttpClient http(u"127.0.0.1"_s, server.port());
        const QString token = login(http);
        QVERIFY(!token.isEmpty());
        for (const QString &front : {u"uno"_s, u"dos"_s}) {
            const auto added = testsupport::call(http, "POST", u"/api/v1/cards"_s, token,
                {{u"front"_s, front}, {u"back"_s, u"one, two"_s}, {u"deck_id"_s, 1}});
            QCOMPARE(added.status, 201);
        }
        const qint64 revlogBefore = queryNumber(aliceDb(), u"SELECT count(*) FROM revlog"_s);
        const qint64 notesBefore = queryNumber(aliceDb(), u"SELECT count(*) FROM notes"_s);

        constexpr int kRows = 5000;
        QByteArray csv = "#separator:tab\n#deck:Concurrent\n";
        for (int i = 0; i < kRows; ++i)
            csv += "concurrent " + QByteArray::number(i) + "\tback\n";
        const QString path = QDir(m_dir.path()).filePath(u"concurrent.tsv"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(csv);
        file.close();

        QProcess importer;
        importer.setProcessEnvironment(childEnvironment());
        importer.start(
            javumboBinary(), {u"import"_s, path, u"--data-dir"_s, dataDir(), u"--user"_s, u"alice"_s});
        QVERIFY(importer.waitForStarted(kJavumboStartTimeoutMs));
        // Again (ease 1) keeps a card in learning, so there is always one to answer while the import runs.
        int answered = 0;
        int busy = 0; // 503 storage_unavailable: waited beyond the busy timeout, refused, not lost
        int failed = 0;
        QElapsedTimer deadline;
        deadline.start();
        while ((importer.state() != QProcess::NotRunning || answered < 20)
            && deadline.elapsed() < kJavumboExitTimeoutMs) {
            importer.waitForFinished(0); // lets QProcess notice the end
            const auto next = testsupport::call(http, "GET", u"/api/v1/review/next?deck_id=1"_s, token);
            if (next.status != 200) {
                ++(next.errorCode() == u"storage_unavailable"_s ? busy : failed);
                continue;
            }
            const auto answer = testsupport::call(http, "POST", u"/api/v1/review/answer"_s, token,
                {{u"card_id"_s, next.json()[u"card"_s][u"card_id"_s].toInteger()}, {u"ease"_s, 1}});
            if (answer.status == 200)
                ++answered;
            else
                ++(answer.errorCode() == u"storage_unavailable"_s ? busy : failed);
        }
        QVERIFY(importer.state() == QProcess::NotRunning || importer.waitForFinished(kJavumboExitTimeoutMs));
        QVERIFY2(importer.exitCode() == 0, importer.readAllStandardError().constData());
        QVERIFY(importer.readAllStandardOutput().contains(
            QByteArray(QByteArray::number(kRows) + " notes added")));
        QCOMPARE(failed, 0);
        QVERIFY2(answered >= 20, qPrintable(u"%1 answered, %2 busy"_s.arg(answered).arg(busy)));
        QCOMPARE(queryNumber(aliceDb(), u"SELECT count(*) FROM revlog"_s), revlogBefore + answered);
        QCOMPARE(queryNumber(aliceDb(), u"SELECT count(*) FROM notes"_s), notesBefore + kRows);
        QCOMPARE(queryColumn(aliceDb(), u"PRAGMA integrity_check"_s), QStringList {u"ok"_s});
        server.signal(SIGTERM);
        QVERIFY(server.waitFinished());
    }
    // A .colpkg replaces a whole collection: only after "y" (or --yes), and only after a backup.
    void colpkg_asksFirst_thenBacksUp()
    {
        QVERIFY(addUser(u"carol"_s).exitCode == 0);
        QVERIFY(addUser(u"dave"_s).exitCode == 0);
        const auto filled = runJavumbo({u"import"_s, fixture::legacyPackage(m_dir.path()), u"--data-dir"_s,
            dataDir(), u"--user"_s, u"carol"_s});
        QVERIFY2(filled.exitCode == 0, filled.describe().constData());
        const QString colpkg = QDir(m_dir.path()).filePath(u"carol.colpkg"_s);
        const auto exported = runJavumbo({u"export"_s, u"--format"_s, u"colpkg"_s, u"--data-dir"_s, dataDir(),
            u"--user"_s, u"carol"_s, u"-o"_s, colpkg});
        QVERIFY2(exported.exitCode == 0, exported.describe().constData());
        const QString csv = QDir(m_dir.path()).filePath(u"dave.csv"_s);
        QFile file(csv);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("#separator:comma\ndaves,own note\n");
        file.close();
        QVERIFY(
            runJavumbo({u"import"_s, csv, u"--data-dir"_s, dataDir(), u"--user"_s, u"dave"_s}).exitCode == 0);
        const QString dave = collectionOf(u"dave"_s);
        // Where the desktop's own backups of the profile go (ProfileBackups).
        const QDir backups(QDir(dataDir()).filePath(u"backups/"_s + QFileInfo(dave).completeBaseName()));

        const QStringList replace {u"import"_s, colpkg, u"--data-dir"_s, dataDir(), u"--user"_s, u"dave"_s};
        const auto declined = runJavumbo(replace, "n\n");
        QCOMPARE(declined.exitCode, 1);
        QVERIFY2(
            declined.err.contains("Replace the whole collection of dave"), declined.describe().constData());
        QVERIFY(declined.err.contains("nothing replaced"));
        QCOMPARE(queryColumn(dave, u"SELECT sfld FROM notes"_s), QStringList {u"daves"_s});
        QVERIFY(backups.entryList({u"user_*"_s}, QDir::Files).isEmpty());

        const auto accepted = runJavumbo(replace, "y\n");
        QVERIFY2(accepted.exitCode == 0, accepted.describe().constData());
        QVERIFY(accepted.out.contains("4 notes added"));
        QCOMPARE(queryNumber(dave, u"SELECT count(*) FROM notes"_s), 4);
        QCOMPARE(queryNumber(dave, u"SELECT count(*) FROM notes WHERE sfld = 'daves'"_s), 0);
        const QStringList written = backups.entryList({u"user_*"_s}, QDir::Files);
        QCOMPARE(written.size(), 1);
        QVERIFY(accepted.out.contains(QFile::encodeName(backups.filePath(written.first()))));
        // The backup is the old collection as it was, a complete database of its own.
        QCOMPARE(queryColumn(backups.filePath(written.first()), u"SELECT sfld FROM notes"_s),
            QStringList {u"daves"_s});
        QCOMPARE(queryColumn(backups.filePath(written.first()), u"PRAGMA integrity_check"_s),
            QStringList {u"ok"_s});
    }
};

QTEST_GUILESS_MAIN(TestInteropCli)
#include "tst_interopcli.moc"
