// The admin operations of issue 14 as an operator runs them (README
// "Admins"): `javumbo backup` beside a running server, `javumbo restore`
// (refused while the server runs, without --force over existing files, and
// from a damaged backup; one user alone with --user), `javumbo check-data`
// with its exit codes and --json, and the scheduled backups of
// `serve --backup-dir` with their figures in /metrics. What the commands do
// inside is tested in tests/services/tst_databackup; this checks the
// commands, their exit codes and what reaches the files.
#include "javumboprocess.h"
#include "processclient.h"
#include "services/databackup.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace javumbo;
using javumbo::testsupport::CommandResult;
using javumbo::testsupport::runJavumbo;
using javumbo::testsupport::ServeProcess;
using namespace javumbo::testsupport::processclient;

#define VERIFY_MSG(condition, message) QVERIFY2(condition, QByteArray(message).constData())

namespace {

QString collectionOf(const QString &dataDir, qint64 userId)
{
    return dataDir + u"/user_dbs/user_%1.db"_s.arg(userId);
}

qint64 cardCount(const QString &dataDir, qint64 userId)
{
    return testsupport::queryNumber(collectionOf(dataDir, userId), u"SELECT count(*) FROM cards"_s);
}

void addCard(quint16 port, const HttpAccount &account, const QString &front)
{
    const auto added
        = http(port, "POST", u"/api/v1/cards"_s, account.token, {{u"front"_s, front}, {u"back"_s, u"b"_s}});
    VERIFY_MSG(added.status == 201, describe(added));
}

// The value of one sample of /metrics, or nullopt when it is absent.
std::optional<double> metric(quint16 port, const QString &name)
{
    const auto metrics = http(port, "GET", u"/metrics"_s);
    const QRegularExpression sample(
        u"^%1 (\\S+)$"_s.arg(QRegularExpression::escape(name)), QRegularExpression::MultilineOption);
    const auto match = sample.match(QString::fromUtf8(metrics.body));
    if (!match.hasMatch())
        return std::nullopt;
    return match.captured(1).toDouble();
}

QJsonObject checkDataJson(const QString &dataDir, int expectedExit)
{
    const CommandResult checked = runJavumbo({u"check-data"_s, u"--data-dir"_s, dataDir, u"--json"_s});
    if (!checked.finished || checked.exitCode != expectedExit)
        qWarning().noquote() << checked.describe();
    return checked.exitCode == expectedExit ? QJsonDocument::fromJson(checked.out).object() : QJsonObject {};
}

} // namespace

class TestAdminCommands : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { testsupport::enterTestMode(); }

    void backupBesideTheServer_restoreAndCheckData()
    {
        QTemporaryDir root;
        const QString data = root.filePath(u"data"_s);
        const QString backup = root.filePath(u"backup"_s);
        HttpAccount alice;
        HttpAccount bob;
        {
            ServeProcess serve;
            serve.start({u"--data-dir"_s, data});
            VERIFY_MSG(serve.waitListening(), serve.diagnostics());
            QByteArray why;
            VERIFY_MSG(signUp(serve.port(), u"alice"_s, &alice, &why), why);
            VERIFY_MSG(signUp(serve.port(), u"bob"_s, &bob, &why), why);
            for (int i = 0; i < 3; ++i)
                addCard(serve.port(), alice, u"before %1"_s.arg(i));
            addCard(serve.port(), bob, u"before"_s);

            const CommandResult made = runJavumbo({u"backup"_s, u"--data-dir"_s, data, u"--to"_s, backup});
            VERIFY_MSG(made.finished && made.exitCode == 0, made.describe());
            QVERIFY(QFileInfo::exists(backup + u"/manifest.json"_s));

            const CommandResult whileServing
                = runJavumbo({u"restore"_s, u"--from"_s, backup, u"--data-dir"_s, data, u"--force"_s});
            VERIFY_MSG(whileServing.exitCode == 1 && whileServing.err.contains("stop it before restoring"),
                whileServing.describe());

            addCard(serve.port(), alice, u"after the backup"_s);
            addCard(serve.port(), bob, u"after the backup"_s);
            serve.signal(SIGTERM);
            VERIFY_MSG(serve.waitFinished(), serve.diagnostics());
        }
        QCOMPARE(cardCount(data, alice.id), qint64(4));

        const QJsonObject sound = checkDataJson(data, 0);
        QCOMPARE(sound.value(u"ok"_s).toBool(), true);
        QCOMPARE(sound.value(u"accounts"_s).toInt(), 2);
        QCOMPARE(sound.value(u"collections"_s).toInt(), 2);

        // Existing files are replaced only with --force; nothing was written.
        const CommandResult unforced = runJavumbo({u"restore"_s, u"--from"_s, backup, u"--data-dir"_s, data});
        VERIFY_MSG(unforced.exitCode == 1 && unforced.err.contains("--force"), unforced.describe());
        QCOMPARE(cardCount(data, alice.id), qint64(4));

        // One user alone: alice goes back to the backup, bob keeps his later card.
        const CommandResult one = runJavumbo({u"restore"_s, u"--from"_s, backup, u"--data-dir"_s, data,
            u"--user"_s, u"alice"_s, u"--force"_s});
        VERIFY_MSG(one.finished && one.exitCode == 0, one.describe());
        QCOMPARE(one.out.trimmed(), "restored user_dbs/user_" + QByteArray::number(alice.id) + ".db");
        QCOMPARE(cardCount(data, alice.id), qint64(3));
        QCOMPARE(cardCount(data, bob.id), qint64(2));

        // A whole restore into an empty directory, which check-data finds sound.
        const QString fresh = root.filePath(u"fresh"_s);
        const CommandResult whole = runJavumbo({u"restore"_s, u"--from"_s, backup, u"--data-dir"_s, fresh});
        VERIFY_MSG(whole.finished && whole.exitCode == 0, whole.describe());
        QCOMPARE(cardCount(fresh, alice.id), qint64(3));
        QCOMPARE(cardCount(fresh, bob.id), qint64(1));
        QCOMPARE(checkDataJson(fresh, 0).value(u"ok"_s).toBool(), true);

        // A damaged backup is refused before anything is written.
        {
            QFile file(collectionOf(backup, bob.id));
            QVERIFY(file.open(QIODevice::ReadWrite));
            QVERIFY(file.seek(file.size() / 2));
            QVERIFY(file.write("damage") == 6);
        }
        const QString other = root.filePath(u"other"_s);
        const CommandResult damaged = runJavumbo({u"restore"_s, u"--from"_s, backup, u"--data-dir"_s, other});
        VERIFY_MSG(damaged.exitCode == 1, damaged.describe());
        QVERIFY(!QFileInfo::exists(other + u"/admin.db"_s));
    }

    void checkData_exitsOneAndNamesADamagedFile()
    {
        QTemporaryDir data;
        const CommandResult added = testsupport::addUserWithCli(data.path(), u"carol"_s);
        VERIFY_MSG(added.finished && added.exitCode == 0, added.describe());
        const CommandResult sound = runJavumbo({u"check-data"_s, u"--data-dir"_s, data.path()});
        VERIFY_MSG(sound.exitCode == 0 && sound.out.contains(": ok"), sound.describe());

        const QString collection = data.filePath(u"user_dbs/user_1.db"_s);
        {
            QFile file(collection);
            QVERIFY(file.open(QIODevice::ReadWrite));
            QVERIFY(file.size() > 4096);
            QVERIFY(file.seek(4096)); // the second page onwards: the schema's tables
            QVERIFY(file.write(QByteArray(int(file.size()) - 4096, '\x5a')) > 0);
        }
        const QJsonObject report = checkDataJson(data.path(), 1);
        QCOMPARE(report.value(u"ok"_s).toBool(), false);
        const QJsonArray findings = report.value(u"findings"_s).toArray();
        QVERIFY2(!findings.isEmpty(), QJsonDocument(report).toJson().constData());
        QCOMPARE(findings.first()[u"file"_s].toString(), u"user_dbs/user_1.db"_s);
    }

    // serve --backup-every: backups are taken on schedule, only the newest
    // --backup-keep stay, each verifies, and /metrics tells their age.
    void scheduledBackups_areTakenPrunedAndReported()
    {
        QTemporaryDir root;
        const QString backups = root.filePath(u"backups"_s);
        ServeProcess serve;
        serve.start({u"--data-dir"_s, root.filePath(u"data"_s), u"--backup-dir"_s, backups,
            u"--backup-every"_s, u"1s"_s, u"--backup-keep"_s, u"2"_s});
        VERIFY_MSG(serve.waitListening(), serve.diagnostics());
        HttpAccount dora;
        QByteArray why;
        VERIFY_MSG(signUp(serve.port(), u"dora"_s, &dora, &why), why);
        addCard(serve.port(), dora, u"kept"_s);

        // Three more backups: the last two kept both started after the card was added.
        const double before = metric(serve.port(), u"javumbo_backup_successes_total"_s).value_or(-10);
        QTRY_VERIFY_WITH_TIMEOUT(
            metric(serve.port(), u"javumbo_backup_successes_total"_s).value_or(0) >= before + 3, 30000);
        const auto age = metric(serve.port(), u"javumbo_backup_last_success_age_seconds"_s);
        QVERIFY(age && *age >= 0 && *age < 30);
        QVERIFY(metric(serve.port(), u"javumbo_backup_last_duration_seconds"_s).value_or(0) > 0);
        QCOMPARE(metric(serve.port(), u"javumbo_backup_failures_total"_s), std::optional<double>(0));
        serve.signal(SIGTERM);
        VERIFY_MSG(serve.waitFinished(), serve.diagnostics());

        const QStringList kept = QDir(backups).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QCOMPARE(kept.size(), 2);
        for (const QString &folder : kept) {
            const QString path = QDir(backups).filePath(folder);
            auto verified = DataBackup::verify(path);
            QVERIFY2(verified, qPrintable(verified ? QString() : verified.error().message));
            QCOMPARE(cardCount(path, dora.id), qint64(1));
        }
        VERIFY_MSG(serve.err().contains("javumbo.backup") || serve.out().contains("javumbo.backup"),
            serve.diagnostics());
    }
};

QTEST_GUILESS_MAIN(TestAdminCommands)
#include "tst_admincommands.moc"
