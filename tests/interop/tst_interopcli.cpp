// `javumbo import` and `javumbo export` as an operator runs them: the real
// binary on a data directory, also while `javumbo serve` runs on it.
#include "javumboprocess.h"
#include "net/httpclient.h"
#include "packagefixture.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
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

private slots:
    void initTestCase()
    {
        enterTestMode();
        const auto added = runJavumbo({u"users"_s, u"add"_s, u"alice"_s, u"--email"_s, u"alice@example.org"_s,
                                          u"--data-dir"_s, dataDir()},
            "correct horse\n");
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
        net::HttpCall login {"POST", u"/api/v1/login"_s,
            QJsonDocument(QJsonObject {{u"username"_s, u"alice"_s}, {u"password"_s, u"correct horse"_s}})
                .toJson(),
            {}, {}, true};
        auto session = http.send(login);
        QVERIFY(session.ok() && session->status == 200);
        auto cards = http.send(net::HttpCall {
            "GET", u"/api/v1/cards?q=siete"_s, {}, session->json()[u"token"_s].toString(), {}, true});
        QVERIFY(cards.ok());
        QCOMPARE(cards->json()[u"total"_s].toInt(), 1);
        server.signal(SIGTERM);
        QVERIFY(server.waitFinished());
    }
};

QTEST_GUILESS_MAIN(TestInteropCli)
#include "tst_interopcli.moc"
