// "Acknowledged = on disk" (issue 14): with --durability full every 201 must
// come after a sync of the collection's WAL that happened after the previous
// 201. `javumbo serve` runs under strace, which logs each fsync/fdatasync with
// the file it synced (-y) before the syscall returns to the server; the client
// adds cards one request at a time and, after each 201, counts the completed
// syncs of that user's WAL so far.
//
// So it cannot pass by accident, the same client runs against
// --durability normal, where commits do not sync: there the count must fall
// behind the acknowledgements, or the check could not tell the modes apart.
#include "javumboprocess.h"
#include "processclient.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <map>

using namespace Qt::StringLiterals;
using namespace javumbo;
using javumbo::testsupport::runJavumbo;
using javumbo::testsupport::ServeProcess;
using namespace javumbo::testsupport::processclient;

#define VERIFY_MSG(condition, message) QVERIFY2(condition, QByteArray(message).constData())

namespace {

constexpr int kAcks = 20;

// Completed fsync/fdatasync calls on `file` in an strace -f -y log. A call
// interrupted by another thread's line is split into "<unfinished ...>" (with
// the path) and "<... resumed>" (with the result), joined here by thread id.
int completedSyncs(const QString &traceFile, const QString &file)
{
    QFile trace(traceFile);
    if (!trace.open(QIODevice::ReadOnly))
        return -1;
    static const QRegularExpression line(u"^(\\d+)\\s+(.*)$"_s);
    std::map<QString, bool> pendingOnFile; // thread id -> its unfinished call is on `file`
    int count = 0;
    for (const QByteArray &raw : trace.readAll().split('\n')) {
        const auto match = line.match(QString::fromUtf8(raw));
        if (!match.hasMatch())
            continue;
        const QString thread = match.captured(1);
        const QString rest = match.captured(2);
        const bool isSync = rest.startsWith(u"fsync("_s) || rest.startsWith(u"fdatasync("_s);
        const bool onFile = rest.contains(file + u">"_s);
        if (isSync && rest.contains(u"<unfinished ...>"_s)) {
            pendingOnFile[thread] = onFile;
            continue;
        }
        if (rest.contains(u"resumed>"_s) && (rest.contains(u"fsync"_s) || rest.contains(u"fdatasync"_s))) {
            if (pendingOnFile[thread] && rest.contains(u"= 0"_s))
                ++count;
            pendingOnFile.erase(thread);
            continue;
        }
        if (isSync && onFile && rest.contains(u"= 0"_s))
            ++count;
    }
    return count;
}

// The javumbo process strace started (its only child).
qint64 tracedChild(qint64 stracePid)
{
    QFile children(u"/proc/%1/task/%1/children"_s.arg(stracePid));
    if (!children.open(QIODevice::ReadOnly))
        return 0;
    return children.readAll().trimmed().split(' ').value(0).toLongLong();
}

struct Run
{
    QList<int> syncsAtAck; // completed WAL syncs seen right after each 201
    int syncsBefore = 0;
};

} // namespace

class TestDurability : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    // Starts the server under strace with `mode`, adds kAcks cards one by
    // one, and records the WAL syncs seen after each acknowledgement.
    void addCardsUnderStrace(const QString &mode, Run *run)
    {
        const QString traceFile = m_dir.filePath(u"strace-%1.log"_s.arg(mode));
        ServeProcess serve;
        serve.start({u"--data-dir"_s, m_dir.filePath(u"data"_s), u"--durability"_s, mode},
            {QStandardPaths::findExecutable(u"strace"_s), u"-f"_s, u"-qq"_s, u"-y"_s, u"-e"_s,
                u"trace=fsync,fdatasync"_s, u"-e"_s, u"signal=none"_s, u"-o"_s, traceFile});
        VERIFY_MSG(serve.waitListening(60000), serve.diagnostics());
        HttpAccount dora;
        QByteArray why;
        VERIFY_MSG(signUp(serve.port(), u"dora"_s, &dora, &why, true), why);
        const QString wal = u"user_dbs/user_%1.db-wal"_s.arg(dora.id);
        run->syncsBefore = completedSyncs(traceFile, wal);
        for (int i = 0; i < kAcks; ++i) {
            const auto added = http(serve.port(), "POST", u"/api/v1/cards"_s, dora.token,
                {{u"front"_s, u"card %1 %2"_s.arg(mode).arg(i)}, {u"back"_s, u"b"_s}});
            VERIFY_MSG(added.status == 201, describe(added));
            run->syncsAtAck.append(completedSyncs(traceFile, wal));
        }
        qInfo().noquote() << mode << "WAL syncs before:" << run->syncsBefore << "after each 201:" << run->syncsAtAck;
        const qint64 child = tracedChild(serve.pid());
        QVERIFY(child > 0);
        ::kill(pid_t(child), SIGTERM);
        VERIFY_MSG(serve.waitFinished(), serve.diagnostics());
    }

private slots:
    void initTestCase()
    {
        testsupport::enterTestMode();
        if (QStandardPaths::findExecutable(u"strace"_s).isEmpty())
            QFAIL("strace is not installed (packaging/debian-packages.txt, role test)");
        const auto added = runJavumbo({u"users"_s, u"add"_s, u"dora"_s, u"--email"_s, u"d@x.org"_s,
                                          u"--data-dir"_s, m_dir.filePath(u"data"_s)},
            "password-dora\n");
        VERIFY_MSG(added.finished && added.exitCode == 0, added.describe());
    }

    void full_everyAcknowledgementFollowsAWalSyncAfterThePreviousOne()
    {
        Run run;
        addCardsUnderStrace(u"full"_s, &run);
        if (QTest::currentTestFailed())
            return;
        int previous = run.syncsBefore;
        for (int i = 0; i < kAcks; ++i) {
            VERIFY_MSG(run.syncsAtAck[i] > previous,
                QByteArray("201 number ") + QByteArray::number(i + 1)
                    + " arrived with no WAL sync since the previous one ("
                    + QByteArray::number(run.syncsAtAck[i]) + " syncs)");
            previous = run.syncsAtAck[i];
        }
    }

    void normal_theSameCheckFails()
    {
        Run run;
        addCardsUnderStrace(u"normal"_s, &run);
        if (QTest::currentTestFailed())
            return;
        int previous = run.syncsBefore;
        int acksWithASync = 0;
        for (int i = 0; i < kAcks; ++i) {
            acksWithASync += run.syncsAtAck[i] > previous ? 1 : 0;
            previous = run.syncsAtAck[i];
        }
        // Only checkpoints sync the WAL in this mode: far fewer than the acks.
        VERIFY_MSG(acksWithASync < kAcks / 2,
            QByteArray::number(acksWithASync) + " of " + QByteArray::number(kAcks)
                + " acknowledgements followed a WAL sync even without sync-on-commit: the check cannot tell");
    }
};

QTEST_GUILESS_MAIN(TestDurability)
#include "tst_durability.moc"
