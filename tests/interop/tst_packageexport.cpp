// Exporting version-1 packages (docs/scheduling.md §11): re-imported into an empty
// collection they give the same notes, cards and revlog; the file passes
// sqlite3's integrity and schema checks and an independent reader (Python's
// zipfile + sqlite3, reading it as Anki's importer does).
#include "interop/packagefile.h"
#include "interop/ziparchive.h"
#include "interopfixture.h"
#include "packagefixture.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::testsupport;
namespace fixture = javumbo::testsupport::packagefixture;

namespace {

const QString kNotes = u"SELECT guid || ' ' || flds || ' ' || tags || ' ' || mod FROM notes ORDER BY guid"_s;
const QString kCards
    = u"SELECT n.guid || ' ' || c.type || ' ' || c.queue || ' ' || c.due || ' ' || c.ivl || ' ' ||"
      " c.factor || ' ' || c.reps || ' ' || c.lapses || ' ' || c.left FROM cards c JOIN notes n"
      " ON n.id = c.nid ORDER BY n.guid"_s;
const QString kRevlog
    = u"SELECT r.id || ' ' || n.guid || ' ' || r.ease || ' ' || r.ivl || ' ' || r.lastIvl || ' ' ||"
      " r.factor || ' ' || r.time || ' ' || r.type FROM revlog r JOIN cards c ON c.id = r.cid"
      " JOIN notes n ON n.id = c.nid ORDER BY r.id"_s;

// The collection inside a package, extracted to `path` with our own reader.
void extractCollection(const QString &package, const QString &dir)
{
    auto archive = interop::ZipArchive::openFile(package);
    QVERIFY(archive.ok());
    auto read = interop::PackageFile::read(*archive.value(), {}, dir, QDir(dir).filePath(u"media"_s));
    QVERIFY(read.ok());
    QCOMPARE(read->version, 1);
}

QStringList sqliteShell(const QString &db, const QString &sql)
{
    QProcess shell;
    shell.start(u"sqlite3"_s, {db, sql});
    if (!shell.waitForFinished(30000) || shell.exitCode() != 0)
        return {u"sqlite3 failed: "_s + QString::fromUtf8(shell.readAllStandardError())};
    return QString::fromUtf8(shell.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
}

} // namespace

class TestPackageExport : public QObject
{
    Q_OBJECT

private slots:
    void exportThenImport_sameNotesCardsAndRevlog()
    {
        InteropFixture source;
        QVERIFY(source.importFixturePackage());
        QVERIFY(source.collection()
                    .addCard(collection::NewCard {u"made <i>here</i>"_s, u"b"_s, 1, {u"mine"_s}, {}})
                    .ok());
        const QString package = source.scratch(u"out.apkg"_s);
        auto exported = source.interop().exportPackage(source.userId(), {}, package);
        QVERIFY2(exported.ok(), exported.ok() ? "" : qPrintable(exported.error().message));
        QCOMPARE(exported->notes, 5);
        QCOMPARE(exported->cards, 5);
        QCOMPARE(exported->revlog, 2);
        QCOMPARE(exported->media, 1);

        InteropFixture target;
        auto summary = target.interop().importPackage(target.userId(), PackageSource {package, {}}, {});
        QVERIFY(summary.ok());
        QCOMPARE(summary->notesAdded, 5);
        QCOMPARE(summary->skippedCount(), 0);
        QCOMPARE(summary->simplified, QStringList {});
        QCOMPARE(target.column(kNotes), source.column(kNotes));
        QCOMPARE(target.column(kCards), source.column(kCards));
        QCOMPARE(target.column(kRevlog), source.column(kRevlog));
        QCOMPARE(fixture::readFile(QDir(target.mediaFolder()).filePath(u"cat.jpg"_s)), fixture::catJpeg());
    }

    void exportedFile_passesSqliteChecks_andHasNoMeta()
    {
        InteropFixture f;
        QVERIFY(f.importFixturePackage());
        // A table of Javumbo's own in the live file must not travel.
        QVERIFY(f.collection()
                    .transact([](collection::WriteContext &context) {
                        return context.db().execute(u"CREATE TABLE javumbo_private (x integer)"_s);
                    })
                    .ok());
        const QString package = f.scratch(u"out.apkg"_s);
        QVERIFY(f.interop().exportPackage(f.userId(), {}, package).ok());
        auto archive = interop::ZipArchive::openFile(package);
        QVERIFY(archive.ok());
        QVERIFY(!archive.value()->find(u"meta"_s));
        QVERIFY(archive.value()->find(u"collection.anki2"_s));
        QVERIFY(!archive.value()->find(u"collection.anki21"_s));
        const QString dir = f.scratch(u"extracted"_s);
        QDir().mkpath(dir);
        extractCollection(package, dir);
        const QString db = QDir(dir).filePath(u"collection.db"_s);
        QCOMPARE(sqliteShell(db, u"PRAGMA integrity_check"_s), QStringList {u"ok"_s});
        QCOMPARE(sqliteShell(db, u"PRAGMA journal_mode"_s), QStringList {u"delete"_s});
        QCOMPARE(sqliteShell(db, u"SELECT ver FROM col"_s), QStringList {u"11"_s});
        QCOMPARE(sqliteShell(db, u"SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"_s),
            (QStringList {u"cards"_s, u"col"_s, u"graves"_s, u"notes"_s, u"revlog"_s}));
        QCOMPARE(sqliteShell(db, u"SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name"_s),
            (QStringList {u"ix_cards_nid"_s, u"ix_cards_sched"_s, u"ix_cards_usn"_s, u"ix_notes_csum"_s,
                u"ix_notes_usn"_s, u"ix_revlog_cid"_s, u"ix_revlog_usn"_s}));
    }

    void exportedFile_readByAnIndependentReader()
    {
        const QString python = QStandardPaths::findExecutable(u"python3"_s);
        // Named in packaging/debian-packages.txt (test role); without it this proof cannot run, so fail.
        if (python.isEmpty())
            QFAIL("python3 is not installed (bash packaging/dev.sh test installs it)");
        InteropFixture f;
        QVERIFY(f.importFixturePackage());
        const QString package = f.scratch(u"out.apkg"_s);
        QVERIFY(f.interop().exportPackage(f.userId(), {}, package).ok());
        QProcess reader;
        reader.start(python, {QStringLiteral(JAVUMBO_ANKIREADER), package});
        QVERIFY(reader.waitForFinished(30000));
        QVERIFY2(reader.exitCode() == 0, reader.readAllStandardError().constData());
        const QJsonObject read = QJsonDocument::fromJson(reader.readAllStandardOutput()).object();
        QCOMPARE(read.value(u"version"_s).toInt(), 1);
        QCOMPARE(read.value(u"schema"_s).toInt(), 11);
        QCOMPARE(read.value(u"integrity"_s).toString(), u"ok"_s);
        QCOMPARE(read.value(u"cards"_s).toInt(), 4);
        QCOMPARE(read.value(u"revlog"_s).toInt(), 2);
        QCOMPARE(read.value(u"media"_s).toArray(), QJsonArray {u"cat.jpg"_s});
        QVERIFY(read.value(u"decks"_s).toArray().contains(u"Languages::Spanish"_s));
        const QJsonArray notes = read.value(u"notes"_s).toArray();
        QCOMPARE(notes.size(), 4);
        QJsonObject rich;
        for (const QJsonValue &note : notes) {
            if (note.toObject().value(u"guid"_s).toString() == u"guidA1"_s)
                rich = note.toObject();
        }
        QCOMPARE(rich.value(u"fields"_s).toObject().value(u"Front"_s).toString(), fixture::richFront());
        QCOMPARE(rich.value(u"fields"_s).toObject().value(u"Back"_s).toString(), fixture::richBack());
        QCOMPARE(rich.value(u"tags"_s).toArray(), (QJsonArray {u"spanish"_s, u"verbs"_s}));
    }

    void deckExport_holdsTheDeckAndItsChildrenOnly()
    {
        InteropFixture f;
        QVERIFY(f.importFixturePackage());
        const qint64 languages
            = f.count(u"SELECT c.did FROM cards c JOIN notes n ON n.id = c.nid WHERE n.guid = 'guidB2'"_s);
        interop::PackageExportOptions options;
        options.deckId = languages;
        const QString package = f.scratch(u"languages.apkg"_s);
        auto exported = f.interop().exportPackage(f.userId(), options, package);
        QVERIFY(exported.ok());
        QCOMPARE(exported->notes, 3); // guidD4 lives in Default
        QCOMPARE(exported->revlog, 2);
        InteropFixture target;
        QVERIFY(target.interop().importPackage(target.userId(), PackageSource {package, {}}, {}).ok());
        QCOMPARE(target.column(u"SELECT guid FROM notes ORDER BY guid"_s),
            (QStringList {u"guidA1"_s, u"guidB2"_s, u"guidC3"_s}));
    }

    void withoutScheduling_everyCardNew_noRevlog_noLeechTag()
    {
        InteropFixture f;
        QVERIFY(f.importFixturePackage());
        QVERIFY(f.collection()
                    .transact([](collection::WriteContext &context) {
                        return context.db().execute(
                            u"UPDATE notes SET tags = ' leech verbs ' WHERE guid = 'guidA1'"_s);
                    })
                    .ok());
        interop::PackageExportOptions options;
        options.withScheduling = false;
        const QString package = f.scratch(u"fresh.apkg"_s);
        QVERIFY(f.interop().exportPackage(f.userId(), options, package).ok());
        const QString dir = f.scratch(u"fresh"_s);
        QDir().mkpath(dir);
        extractCollection(package, dir);
        const QString db = QDir(dir).filePath(u"collection.db"_s);
        QCOMPARE(
            queryColumn(
                db, u"SELECT DISTINCT type || queue || ivl || factor || reps || lapses || left FROM cards"_s),
            QStringList {u"0000000"_s});
        QCOMPARE(queryColumn(db, u"SELECT due FROM cards ORDER BY due"_s),
            (QStringList {u"1"_s, u"2"_s, u"3"_s, u"4"_s}));
        QCOMPARE(queryNumber(db, u"SELECT count(*) FROM revlog"_s), 0);
        QCOMPARE(
            queryColumn(db, u"SELECT tags FROM notes WHERE guid = 'guidA1'"_s), QStringList {u" verbs "_s});
        // The live collection keeps its schedule.
        QCOMPARE(f.count(u"SELECT count(*) FROM revlog"_s), 2);
    }

    void colpkg_replacesCollection_afterBackup()
    {
        InteropFixture source;
        QVERIFY(source.importFixturePackage());
        const QString package = source.scratch(u"all.colpkg"_s);
        interop::PackageExportOptions whole;
        whole.wholeCollection = true;
        QVERIFY(source.interop().exportPackage(source.userId(), whole, package).ok());

        InteropFixture target;
        QVERIFY(target.collection().addCard(collection::NewCard {u"old"_s, u"card"_s, 1, {}, {}}).ok());
        auto replaced = target.interop().replaceCollection(target.userId(), PackageSource {package, {}});
        QVERIFY2(replaced.ok(), replaced.ok() ? "" : qPrintable(replaced.error().message));
        QCOMPARE(target.column(kNotes), source.column(kNotes));
        QCOMPARE(target.column(kCards), source.column(kCards));
        QCOMPARE(target.count(u"SELECT count(*) FROM revlog"_s), 2);
        QVERIFY(QFile::exists(replaced->backupPath));
        QCOMPARE(queryColumn(replaced->backupPath, u"SELECT flds FROM notes"_s),
            QStringList {u"old\x1f"
                         u"card"_s});
    }
};

QTEST_GUILESS_MAIN(TestPackageExport)
#include "tst_packageexport.moc"
