// docs/architecture.md §1-2: app -> gui/server -> core, and core's inner layers
// (common ... services in javumbo_core; history, net, integrity, loadtest in
// javumbo_loadtest). The rule is written once, in core/dependencyrule.cmake;
// the build runs it before core compiles. This test runs the same script over
// the real tree (it must pass) and over a copy with one forbidden include
// planted (it must fail, naming the file, the line and the include).
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct RuleRun
{
    int exitCode = -1;
    QString output; // stdout and stderr
};

RuleRun runRule(const QString &tree)
{
    QProcess cmake;
    cmake.setProcessChannelMode(QProcess::MergedChannels);
    cmake.start(QStringLiteral(JAVUMBO_CMAKE_COMMAND),
        {u"-DJAVUMBO_SOURCE_DIR="_s + tree, u"-P"_s,
            QStringLiteral(JAVUMBO_SOURCE_DIR) + u"/core/dependencyrule.cmake"_s});
    if (!cmake.waitForFinished(60'000))
        return {-1, u"cmake did not finish: "_s + cmake.errorString()};
    return {cmake.exitStatus() == QProcess::NormalExit ? cmake.exitCode() : -1,
        QString::fromUtf8(cmake.readAll())};
}

// The sources the rule reads (core/, server/, gui/, and hosting/ for its
// headers' names), copied under `target`.
bool copySources(const QString &target)
{
    const QDir source(QStringLiteral(JAVUMBO_SOURCE_DIR));
    for (const QString &area : {u"core"_s, u"server"_s, u"gui"_s, u"hosting"_s}) {
        QDirIterator it(
            source.filePath(area), {u"*.h"_s, u"*.cpp"_s}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const QString copy = QDir(target).filePath(source.relativeFilePath(path));
            if (!QDir().mkpath(QFileInfo(copy).path()) || !QFile::copy(path, copy))
                return false;
        }
    }
    return true;
}

} // namespace

class TestDependencyRule : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_copy.isValid());
        QVERIFY(copySources(m_copy.path()));
    }

    void realTree_keepsTheRule()
    {
        const RuleRun run = runRule(QStringLiteral(JAVUMBO_SOURCE_DIR));
        QVERIFY2(run.exitCode == 0, qPrintable(run.output));
        // Guards against a scanner that silently reads nothing.
        static const QRegularExpression counts(u"dependency rule: (\\d+) files, (\\d+) includes"_s);
        const QRegularExpressionMatch match = counts.match(run.output);
        QVERIFY2(match.hasMatch(), qPrintable(run.output));
        QVERIFY(match.captured(1).toInt() > 200);
        QVERIFY(match.captured(2).toInt() > 1000);
    }

    void copiedTree_keepsTheRule()
    {
        const RuleRun run = runRule(m_copy.path());
        QVERIFY2(run.exitCode == 0, qPrintable(run.output));
    }

    void plantedInclude_failsNamingFileAndInclude_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("include");
        QTest::addColumn<QString>("why");
        QTest::newRow("storage -> integrity")
            << u"core/storage/planted.h"_s << u"#include \"integrity/checker.h\""_s
            << u"storage (layer 3) may include from core only common, scheduling, postgres; integrity is layer 8"_s;
        QTest::newRow("storage -> collection")
            << u"core/storage/planted.cpp"_s << u"#include \"collection/usercollection.h\""_s
            << u"storage (layer 3) may include from core only common, scheduling, postgres; collection is layer 4"_s;
        QTest::newRow("scheduling -> history")
            << u"core/scheduling/planted.cpp"_s << u"#include \"history/operation.h\""_s
            << u"scheduling (layer 1) may include from core only common; history is layer 7"_s;
        QTest::newRow("services -> net")
            << u"core/services/planted.cpp"_s << u"#include \"net/httpclient.h\""_s << u"net is layer 7"_s;
        QTest::newRow("accounts -> loadtest")
            << u"core/accounts/planted.h"_s << u"#include \"loadtest/profile.h\""_s
            << u"loadtest is layer 9"_s;
        QTest::newRow("sessions -> integrity")
            << u"core/sessions/planted.h"_s << u"#include \"integrity/violation.h\""_s
            << u"integrity is layer 8"_s;
        QTest::newRow("locking -> history")
            << u"core/locking/planted.h"_s << u"#include \"history/history.h\""_s << u"history is layer 7"_s;
        QTest::newRow("integrity -> loadtest")
            << u"core/integrity/planted.cpp"_s << u"#include \"loadtest/runcontext.h\""_s
            << u"integrity (layer 8) may include from core only common, storage, postgres, collection, "
               "accounts, history, net; loadtest is layer 9"_s;
        QTest::newRow("history -> integrity")
            << u"core/history/planted.h"_s << u"#include \"integrity/violation.h\""_s
            << u"integrity is layer 8"_s;
        // The folder the collection domain moves into is covered the moment it appears.
        QTest::newRow("collection -> loadtest")
            << u"core/collection/planted.h"_s << u"#include \"loadtest/profile.h\""_s
            << u"collection (layer 4) may include from core only common, scheduling, storage"_s;
        QTest::newRow("relative path climbing out")
            << u"core/storage/planted.h"_s << u"#include \"../loadtest/profile.h\""_s
            << u"loadtest is layer 9"_s;
        QTest::newRow("core -> Widgets") << u"core/services/planted.h"_s << u"#include <QtWidgets/QWidget>"_s
                                         << u"core never includes Widgets"_s;
        QTest::newRow("core -> server")
            << u"core/common/planted.h"_s << u"#include \"server/api/apiserver.h\""_s << u"server/"_s;
        QTest::newRow("server -> gui")
            << u"server/planted.h"_s << u"#include \"gui/mainwindow.h\""_s << u"server never includes"_s;
        QTest::newRow("server -> Widgets")
            << u"server/api/planted.cpp"_s << u"#include <QWidget>"_s << u"server never includes"_s;
        QTest::newRow("gui -> HttpServer")
            << u"gui/loadtest/planted.cpp"_s << u"#include <QHttpServer>"_s << u"gui never includes"_s;
        QTest::newRow("gui -> server")
            << u"gui/planted.h"_s << u"#include \"server/api/apiserver.h\""_s << u"gui never includes"_s;
        QTest::newRow("server -> loadtest")
            << u"server/api/planted.cpp"_s << u"#include \"loadtest/scratchserver.h\""_s
            << u"server never includes Widgets, Charts, gui/ or the load tester"_s;
        QTest::newRow("gui -> hosting")
            << u"gui/views/planted.cpp"_s << u"#include \"embeddedserverhost.h\""_s
            << u"only app/ and tools/ use the hosting library"_s;
        QTest::newRow("server -> hosting") << u"server/api/planted.h"_s << u"#include \"datadirectory.h\""_s
                                           << u"only app/ and tools/ use the hosting library"_s;
    }

    void plantedInclude_failsNamingFileAndInclude()
    {
        QFETCH(QString, file);
        QFETCH(QString, include);
        QFETCH(QString, why);
        const RuleRun run = runWithPlanted(file, include);
        QVERIFY2(run.exitCode != 0, qPrintable(run.output));
        const QString expected = file + u":4: error: "_s + include + u": "_s;
        QVERIFY2(run.output.contains(expected),
            qPrintable(u"expected \"%1\" in:\n%2"_s.arg(expected, run.output)));
        QVERIFY2(run.output.contains(why), qPrintable(run.output));
        // Only the planted file offends: the rest of the copy is the real, clean tree.
        QCOMPARE(run.output.count(u": error: "_s), 1);
        QVERIFY2(run.output.contains(u"1 forbidden include(s)"_s), qPrintable(run.output));
    }

    // A new folder of core must be given a layer before anything can go in it. The folder's name
    // is one no real folder will take: core/interop, named here before, is becoming a layer.
    void coreFolderWithoutALayer_fails()
    {
        const RuleRun run
            = runWithPlanted(u"core/unlayeredplanted/planted.h"_s, u"#include \"common/result.h\""_s);
        QVERIFY2(run.exitCode != 0, qPrintable(run.output));
        QVERIFY2(run.output.contains(
                     u"core/unlayeredplanted/planted.h:1: error: core/unlayeredplanted/ has no layer"_s),
            qPrintable(run.output));
    }

private:
    // Runs the rule over the copy with `file` holding `include` on its line 4, then removes the file.
    RuleRun runWithPlanted(const QString &file, const QString &include)
    {
        const QString path = QDir(m_copy.path()).filePath(file);
        const QString folder = QFileInfo(path).path();
        const bool newFolder = !QFileInfo::exists(folder);
        QFile planted(path);
        if (!QDir().mkpath(folder) || !planted.open(QIODevice::WriteOnly))
            return {-1, u"cannot write "_s + path};
        planted.write("#pragma once\n\n#include <QString>\n" + include.toUtf8() + "\n");
        planted.close();
        const RuleRun run = runRule(m_copy.path());
        planted.remove();
        if (newFolder)
            QDir().rmdir(folder);
        return run;
    }

    QTemporaryDir m_copy;
};

QTEST_GUILESS_MAIN(TestDependencyRule)
#include "tst_dependencyrule.moc"
