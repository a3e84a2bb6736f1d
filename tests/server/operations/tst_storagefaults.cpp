// Storage faults under a running server (issue 14): a collection damaged
// while the server runs is detected, quarantined and answered with
// 503 storage_corrupt and a message for people, while other users go on; a
// disk that refuses writes (full, read-only) still serves reads, says why
// nobody can sign in, and `javumbo users list` still works.
//
// A full disk is simulated with RLIMIT_FSIZE (prlimit --fsize, SIGXFSZ
// ignored), which fails every write that would grow a file as ENOSPC does,
// root or not; tests/storage/realdevice.sh does the same on a real ext4
// device remounted read-only (root only).
#include "javumboprocess.h"
#include "processclient.h"
#include "services/quarantine.h"
#include "testserver.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace javumbo;
using javumbo::testsupport::runJavumbo;
using javumbo::testsupport::ServeProcess;
using namespace javumbo::testsupport::processclient;

#define VERIFY_MSG(condition, message) QVERIFY2(condition, QByteArray(message).constData())

namespace {

enum class Damage
{
    OverwriteBytes,
    TruncateToZero,
    ReplaceFile,
};

// The kernel stamps file times from a coarse clock: wait (on a condition)
// until a write now would carry a later time than `path` has, so the damage
// is visible in the file's stamp as any damage done later than a few ms is.
void waitForNewFileTime(const QString &path)
{
    const QString probe = path + u".probe"_s;
    const auto mtime = [](const QString &file) {
        return QFileInfo(file).fileTime(QFileDevice::FileModificationTime).toMSecsSinceEpoch();
    };
    QDeadlineTimer deadline(5000);
    do {
        QFile touch(probe);
        QVERIFY(touch.open(QIODevice::WriteOnly | QIODevice::Truncate));
        touch.write("x");
        touch.close();
    } while (mtime(probe) <= mtime(path) && !deadline.hasExpired());
    QFile::remove(probe);
}

void damage(const QString &path, Damage how)
{
    switch (how) {
    case Damage::OverwriteBytes: {
        waitForNewFileTime(path);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.write(QByteArray(int(file.size()), '\x5a')) == file.size());
        break;
    }
    case Damage::TruncateToZero:
        QVERIFY(QFile::resize(path, 0));
        break;
    case Damage::ReplaceFile:
        QVERIFY(QFile::copy(path, path + u".copy"_s));
        QVERIFY(std::rename(qPrintable(path + u".copy"_s), qPrintable(path)) == 0);
        break;
    }
}

// Runs the javumbo binary as `javumbo ARGS` with every file it writes limited
// to `bytes` (a disk with no room left), SIGXFSZ ignored as the kernel then
// reports EFBIG like ENOSPC.
QStringList fullDiskLauncher(qint64 bytes)
{
    return {u"/bin/bash"_s, u"-c"_s, u"trap '' XFSZ; exec prlimit --fsize=%1:unlimited \"$@\""_s.arg(bytes),
        u"bash"_s};
}

// A server on `dataDir` for as long as it takes to sign alice up and add one
// card (its id in `cardId`), then stopped.
void signUpAndAddACard(const QString &dataDir, HttpAccount *alice, QString *cardId = nullptr)
{
    ServeProcess serve;
    serve.start({u"--data-dir"_s, dataDir});
    VERIFY_MSG(serve.waitListening(), serve.diagnostics());
    QByteArray why;
    VERIFY_MSG(signUp(serve.port(), u"alice"_s, alice, &why), why);
    const auto added = http(serve.port(), "POST", u"/api/v1/cards"_s, alice->token,
        {{u"front"_s, u"kept"_s}, {u"back"_s, u"b"_s}});
    QCOMPARE(added.status, 201);
    if (cardId)
        *cardId = cardIdOf(added);
    serve.signal(SIGTERM);
    VERIFY_MSG(serve.waitFinished(), serve.diagnostics());
}

bool mentionsSql(const QString &message)
{
    for (const QString &word :
        {u"sql"_s, u"pragma"_s, u"malformed"_s, u"select"_s, u"user_dbs"_s, u".db"_s}) {
        if (message.contains(word, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace

Q_DECLARE_METATYPE(Damage)

class TestStorageFaults : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { testsupport::enterTestMode(); }

    void damagedCollection_isQuarantinedWhileOthersGoOn_data()
    {
        QTest::addColumn<Damage>("damage");
        QTest::newRow("overwrite bytes") << Damage::OverwriteBytes;
        QTest::newRow("truncate to 0 bytes") << Damage::TruncateToZero;
        QTest::newRow("replace the file") << Damage::ReplaceFile;
    }
    void damagedCollection_isQuarantinedWhileOthersGoOn()
    {
        QFETCH(Damage, damage);
        testsupport::TestServer server;
        auto client = server.client();
        const auto alice = server.createUser(u"alice"_s);
        const auto bob = server.createUser(u"bob"_s);
        for (const auto &user : {alice, bob}) {
            const auto added = testsupport::call(
                *client, "POST", u"/api/v1/cards"_s, user.token, {{u"front"_s, u"f"_s}, {u"back"_s, u"b"_s}});
            QCOMPARE(added.status, 201);
        }
        QCOMPARE(testsupport::call(*client, "GET", u"/api/v1/cards"_s, alice.token).status, 200);
        const QString path = server.backend().context().collectionPath(alice.id);

        ::damage(path, damage);

        // Reads and writes of alice: 503 storage_corrupt, in words for people.
        for (const auto &[method, route] : {std::pair {QByteArray("GET"), u"/api/v1/cards"_s},
                 std::pair {QByteArray("POST"), u"/api/v1/decks"_s},
                 std::pair {QByteArray("GET"), u"/api/v1/decks"_s}}) {
            const auto refused = testsupport::call(
                *client, method, route, alice.token, {{u"name"_s, u"After the damage"_s}});
            VERIFY_MSG(refused.status == 503, method + " " + route.toUtf8() + ": " + describe(refused));
            QCOMPARE(refused.errorCode(), u"storage_corrupt"_s);
            const QString message = refused.json()[u"error"_s][u"message"_s].toString();
            VERIFY_MSG(!mentionsSql(message), message.toUtf8());
        }
        // Set aside, marked on disk, counted.
        QVERIFY(QFileInfo::exists(Quarantine::markerPath(path)));
        QCOMPARE(server.backend().quarantine().size(), 1);
        const auto metrics = testsupport::call(*client, "GET", u"/metrics"_s);
        QVERIFY2(metrics.body.contains("javumbo_quarantined_collections 1"), metrics.body.constData());

        // Bob is unaffected.
        QCOMPARE(testsupport::call(*client, "GET", u"/api/v1/cards"_s, bob.token).status, 200);
        QCOMPARE(testsupport::call(*client, "POST", u"/api/v1/cards"_s, bob.token,
                     {{u"front"_s, u"still"_s}, {u"back"_s, u"fine"_s}})
                     .status,
            201);
    }

    // Damage done while the server was stopped is found when the collection
    // is first opened (quick_check), for reads and writes alike: before, the
    // cards could not be read while POST /decks still answered 201.
    void damageWhileStopped_isFoundOnFirstOpen_data()
    {
        QTest::addColumn<qint64>("from");
        QTest::newRow("the whole file") << qint64(0);
        QTest::newRow("every page after the first") << qint64(4096);
    }
    void damageWhileStopped_isFoundOnFirstOpen()
    {
        QFETCH(qint64, from);
        QTemporaryDir dir;
        HttpAccount alice;
        signUpAndAddACard(dir.path(), &alice);
        if (QTest::currentTestFailed())
            return;
        const QString path = dir.filePath(u"user_dbs/user_%1.db"_s.arg(alice.id));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadWrite));
            QVERIFY(file.size() > from);
            QVERIFY(file.seek(from));
            QVERIFY(file.write(QByteArray(int(file.size() - from), '\x5a')) == file.size() - from);
        }

        ServeProcess serve;
        serve.start({u"--data-dir"_s, dir.path()});
        VERIFY_MSG(serve.waitListening(), serve.diagnostics());
        for (const auto &[method, route] : {std::pair {QByteArray("POST"), u"/api/v1/decks"_s},
                 std::pair {QByteArray("GET"), u"/api/v1/cards"_s}}) {
            const auto refused
                = http(serve.port(), method, route, alice.token, {{u"name"_s, u"After the damage"_s}});
            VERIFY_MSG(refused.status == 503, method + " " + route.toUtf8() + ": " + describe(refused));
            QCOMPARE(refused.errorCode(), u"storage_corrupt"_s);
            VERIFY_MSG(!mentionsSql(refused.json()[u"error"_s][u"message"_s].toString()), describe(refused));
        }
        QVERIFY(QFileInfo::exists(Quarantine::markerPath(path)));
        serve.signal(SIGTERM);
        VERIFY_MSG(serve.waitFinished(), serve.diagnostics());
    }

    // A full disk: reads of a collection nobody had open still work, signing
    // in answers why it cannot, and `javumbo users list` works.
    void fullDisk_readsWorkAndSignInSaysWhy()
    {
        QTemporaryDir dir;
        HttpAccount alice;
        QString cardId;
        signUpAndAddACard(dir.path(), &alice, &cardId);
        if (QTest::currentTestFailed())
            return;
        ServeProcess serve;
        serve.start({u"--data-dir"_s, dir.path()}, fullDiskLauncher(4096));
        VERIFY_MSG(serve.waitListening(), serve.diagnostics());
        const quint16 port = serve.port();

        const auto card = http(port, "GET", u"/api/v1/cards/"_s + cardId, alice.token);
        VERIFY_MSG(
            card.status == 200, "reading on a full disk: " + describe(card) + "\n" + serve.diagnostics());
        const auto list = http(port, "GET", u"/api/v1/cards"_s, alice.token);
        VERIFY_MSG(list.status == 200, describe(list));

        const auto login = http(port, "POST", u"/api/v1/login"_s, {},
            {{u"username"_s, u"alice"_s}, {u"password"_s, alice.password}});
        VERIFY_MSG(login.status == 503, describe(login));
        QCOMPARE(login.errorCode(), u"storage_unavailable"_s);
        VERIFY_MSG(
            login.json()[u"error"_s][u"message"_s].toString().contains(u"Signing in needs a writable disk"_s),
            describe(login));

        const auto write = http(
            port, "POST", u"/api/v1/cards"_s, alice.token, {{u"front"_s, u"x"_s}, {u"back"_s, u"y"_s}});
        VERIFY_MSG(write.status == 503, describe(write));
        QCOMPARE(write.errorCode(), u"storage_unavailable"_s);

        // Room again (the limit lifted from the running server): writes
        // resume without a restart, read-only connections being replaced.
        QProcess lift;
        lift.start(
            u"prlimit"_s, {u"--pid"_s, QString::number(serve.pid()), u"--fsize=unlimited:unlimited"_s});
        QVERIFY(lift.waitForFinished(10000) && lift.exitCode() == 0);
        const auto resumed = http(
            port, "POST", u"/api/v1/cards"_s, alice.token, {{u"front"_s, u"again"_s}, {u"back"_s, u"y"_s}});
        VERIFY_MSG(resumed.status == 201, describe(resumed) + "\n" + serve.diagnostics());
        const auto relogin = http(port, "POST", u"/api/v1/login"_s, {},
            {{u"username"_s, u"alice"_s}, {u"password"_s, alice.password}});
        VERIFY_MSG(relogin.status == 200, describe(relogin));
        serve.signal(SIGTERM);
        VERIFY_MSG(serve.waitFinished(), serve.diagnostics());
        VERIFY_MSG(!serve.err().contains("rollback failed"), serve.err());
    }

    void usersList_worksWhenTheDataDirectoryCannotBeWritten()
    {
        QTemporaryDir dir;
        const auto added = testsupport::addUserWithCli(dir.path(), u"carol"_s);
        VERIFY_MSG(added.finished && added.exitCode == 0, added.describe());
        QProcess list;
        list.setProcessEnvironment(testsupport::childEnvironment());
        const QStringList launcher = fullDiskLauncher(0);
        list.start(launcher.first(),
            launcher.mid(1)
                + QStringList {
                    testsupport::javumboBinary(), u"users"_s, u"list"_s, u"--data-dir"_s, dir.path()});
        QVERIFY(list.waitForFinished(testsupport::kJavumboExitTimeoutMs));
        const QByteArray out = list.readAllStandardOutput();
        VERIFY_MSG(list.exitCode() == 0 && out.contains("carol"), out + list.readAllStandardError());
    }
};

QTEST_GUILESS_MAIN(TestStorageFaults)
#include "tst_storagefaults.moc"
