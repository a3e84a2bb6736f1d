// Importing Anki packages built by the test from the documented formats
// (packagefixture.h): versions 1, 2 and 3, GUID matching, media, and every
// malformed file refused with the collection byte-for-byte unchanged.
#include "collection/notefields.h"
#include "interopfixture.h"
#include "packagefixture.h"
#include "storage/database.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::testsupport;
namespace fixture = javumbo::testsupport::packagefixture;

namespace {

// Day numbers shift by the days between the two creation days (§11): the
// source started 2023-11-14, the target 2024-01-01.
constexpr qint64 kShift = 19675 - 19723;

QString note(const InteropFixture &f, const QString &guid, const QString &column)
{
    return f.column(u"SELECT %1 FROM notes WHERE guid = '%2'"_s.arg(column, guid)).value(0);
}

QString card(const InteropFixture &f, const QString &guid, const QString &columns)
{
    return f
        .column(u"SELECT %1 FROM cards c JOIN notes n ON n.id = c.nid WHERE n.guid = '%2'"_s.arg(
            u"'' || "_s + QString(columns).replace(u","_s, u" || ' ' || "_s), guid))
        .value(0);
}

// Patches the uncompressed size of a zip's first entry, in its local header and the
// central directory, so the directory claims less than the entry really holds.
QByteArray withDeclaredSize(QByteArray zip, quint32 size)
{
    auto patch = [&](qsizetype at) {
        for (int i = 0; i < 4; ++i)
            zip[at + i] = char((size >> (8 * i)) & 0xff);
    };
    patch(zip.indexOf(QByteArray("PK\x03\x04", 4)) + 22);
    patch(zip.indexOf(QByteArray("PK\x01\x02", 4)) + 24);
    return zip;
}

} // namespace

class TestPackageImport : public QObject
{
    Q_OBJECT

private slots:
    void import_data()
    {
        QTest::addColumn<int>("version");
        QTest::newRow("version 1 (collection.anki2)") << 1;
        QTest::newRow("version 2 (collection.anki21)") << 2;
        QTest::newRow("version 3 (meta, zstd, schema 18)") << 3;
    }
    void import()
    {
        QFETCH(int, version);
        InteropFixture f;
        const QString package = version == 3 ? fixture::version3Package(f.scratchDir())
                                             : fixture::legacyPackage(f.scratchDir(), version);
        auto summary = f.interop().importPackage(f.userId(), PackageSource {package, {}}, {});
        QVERIFY2(summary.ok(), summary.ok() ? "" : qPrintable(summary.error().message));
        QCOMPARE(summary->notesAdded, 4);
        QCOMPARE(summary->cardsAdded, 4);
        QCOMPARE(summary->decksCreated, 2);
        QCOMPARE(summary->mediaAdded, 1);
        QCOMPARE(summary->skippedCount(), 1); // card 2 of the reversed note type
        QVERIFY(summary->skipped.first().reason.contains(u"Basic (and reversed card)"_s));
        QCOMPARE(summary->simplified.size(), 1);

        // Fields, tags, guid and mod as the package has them; sfld and csum recomputed.
        QCOMPARE(note(f, u"guidA1"_s, u"flds"_s), fixture::richFront() + QChar(0x1f) + fixture::richBack());
        QCOMPARE(note(f, u"guidA1"_s, u"tags"_s), u" spanish verbs "_s);
        QCOMPARE(note(f, u"guidA1"_s, u"mod"_s).toLongLong(), fixture::kNoteMod);
        QCOMPARE(note(f, u"guidA1"_s, u"sfld"_s), collection::notefields::stripHtml(fixture::richFront()));
        QCOMPARE(note(f, u"guidA1"_s, u"csum"_s).toLongLong(),
            collection::notefields::checksum(fixture::richFront()));
        QCOMPARE(note(f, u"guidC3"_s, u"flds"_s), u"uno"_s + QChar(0x1f) + u"one<br>extra info"_s);
        QCOMPARE(f.count(u"SELECT count(*) FROM notes WHERE guid = 'dummyGuid'"_s), 0); // never the dummy
        QCOMPARE(f.count(u"SELECT count(DISTINCT mid) FROM notes"_s), 1); // all Basic

        // Scheduling: the review card's due follows the calendar day, learning seconds stay.
        QCOMPARE(card(f, u"guidB2"_s, u"type,queue,due,ivl,factor,reps,lapses,left"_s),
            u"2 2 %1 10 2500 3 0 0"_s.arg(30 + kShift));
        QCOMPARE(card(f, u"guidC3"_s, u"type,queue,due,left,reps"_s), u"1 1 1700100000 2 1"_s);
        QCOMPARE(card(f, u"guidD4"_s, u"type,queue,due,did"_s), u"0 0 4 1"_s);
        QCOMPARE(
            f.column(u"SELECT r.id || ' ' || r.ivl FROM revlog r JOIN cards c ON c.id = r.cid JOIN notes n"
                     " ON n.id = c.nid WHERE n.guid = 'guidB2' ORDER BY r.id"_s),
            (QStringList {u"1699990000000 4"_s, u"1700300000000 10"_s}));
        QVERIFY(f.count(u"SELECT json_extract(conf, '$.nextPos') FROM col"_s) >= 5);

        // The nested deck with its own options.
        const QJsonObject decks
            = QJsonDocument::fromJson(f.column(u"SELECT decks FROM col"_s).value(0).toUtf8()).object();
        const qint64 spanish = card(f, u"guidA1"_s, u"did"_s).toLongLong();
        QCOMPARE(decks.value(QString::number(spanish)).toObject().value(u"name"_s).toString(),
            u"Languages::Spanish"_s);
        QCOMPARE(decks.value(QString::number(spanish)).toObject().value(u"conf"_s).toInteger(),
            fixture::kSpanishOptions);
        QCOMPARE(f.count(u"SELECT json_extract(dconf, '$.\"%1\".new.perDay') FROM col"_s.arg(
                     fixture::kSpanishOptions)),
            7);

        // The media file, in the collection's media folder.
        QCOMPARE(fixture::readFile(QDir(f.mediaFolder()).filePath(u"cat.jpg"_s)), fixture::catJpeg());
        QCOMPARE(QDir(f.mediaFolder()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
            QStringList {u"cat.jpg"_s});
        QCOMPARE(f.column(u"PRAGMA integrity_check"_s), QStringList {u"ok"_s});
    }

    void importAgain_addsNothing()
    {
        InteropFixture f;
        const QString package = fixture::legacyPackage(f.scratchDir());
        QVERIFY(f.interop().importPackage(f.userId(), PackageSource {package, {}}, {}).ok());
        auto again = f.interop().importPackage(f.userId(), PackageSource {package, {}}, {});
        QVERIFY(again.ok());
        QCOMPARE(again->notesAdded, 0);
        QCOMPARE(again->notesUpdated, 0);
        QCOMPARE(again->notesUnchanged, 4);
        QCOMPARE(again->cardsAdded, 0);
        QCOMPARE(again->decksCreated, 0);
        QCOMPARE(again->mediaAdded, 0);
        QCOMPARE(f.count(u"SELECT count(*) FROM notes"_s), 4);
        QCOMPARE(f.count(u"SELECT count(*) FROM cards"_s), 4);
        QCOMPARE(f.count(u"SELECT count(*) FROM revlog"_s), 2);
        QCOMPARE(QDir(f.mediaFolder()).entryList(QDir::Files).size(), 1);
    }

    void newerCopy_updatesNotes_keepsScheduling()
    {
        InteropFixture f;
        QVERIFY(f.importFixturePackage());
        // Studied here since: the card's scheduling must survive the update.
        storage::Database::closeAllOnThisThread();
        QVERIFY(
            f.collection()
                .transact([](collection::WriteContext &context) {
                    return context.db().execute(
                        u"UPDATE cards SET reps = 99 WHERE nid = (SELECT id FROM notes WHERE guid = 'guidB2')"_s);
                })
                .ok());
        // And one note was edited here after the newer copy was made: it stays as it is here.
        QVERIFY(f.collection()
                    .transact([](collection::WriteContext &context) {
                        return context.db().execute(u"UPDATE notes SET mod = %1 WHERE guid = 'guidD4'"_s.arg(
                            fixture::kNoteMod + 500));
                    })
                    .ok());
        const QString newer = fixture::legacyPackage(f.scratchDir(), 1, fixture::kNoteMod + 100);
        auto summary = f.interop().importPackage(f.userId(), PackageSource {newer, {}}, {});
        QVERIFY(summary.ok());
        QCOMPARE(summary->notesUpdated, 3);
        QCOMPARE(summary->notesUnchanged, 1);
        QCOMPARE(summary->notesAdded, 0);
        QCOMPARE(summary->cardsAdded, 0);
        QCOMPARE(note(f, u"guidA1"_s, u"mod"_s).toLongLong(), fixture::kNoteMod + 100);
        QCOMPARE(card(f, u"guidB2"_s, u"reps"_s), u"99"_s);
        QCOMPARE(f.count(u"SELECT count(*) FROM revlog"_s), 2);
    }

    // Some writers put a note's mod in milliseconds: read as seconds, so the same
    // notes are not "newer" and a newer copy is stored with Anki's unit.
    void modInMilliseconds_readAsSeconds()
    {
        InteropFixture f;
        QVERIFY(f.importFixturePackage());
        const QString same = fixture::legacyPackage(f.scratchDir(), 1, fixture::kNoteMod * 1000);
        auto again = f.interop().importPackage(f.userId(), PackageSource {same, {}}, {});
        QVERIFY(again.ok());
        QCOMPARE(again->notesUnchanged, 4);
        QCOMPARE(again->notesUpdated, 0);
        const QString newer = fixture::legacyPackage(f.scratchDir(), 1, (fixture::kNoteMod + 100) * 1000);
        auto updated = f.interop().importPackage(f.userId(), PackageSource {newer, {}}, {});
        QVERIFY(updated.ok());
        QCOMPARE(updated->notesUpdated, 4);
        QCOMPARE(note(f, u"guidA1"_s, u"mod"_s).toLongLong(), fixture::kNoteMod + 100);
    }

    void takenIds_getFreshOnes()
    {
        InteropFixture f;
        // Note 1000 and card 2000 of the package are taken here by other rows.
        QVERIFY(
            f.collection()
                .transact([](collection::WriteContext &context) -> Result<void> {
                    if (auto done = context.db().execute(
                            u"INSERT INTO notes VALUES (1000, 'other', 1, 1, -1, '', 'x\x1fy', 'x', 0, 0, '')"_s);
                        !done)
                        return done;
                    return context.db().execute(
                        u"INSERT INTO cards VALUES (2000, 1000, 1, 0, 1, -1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, '')"_s);
                })
                .ok());
        auto summary = f.interop().importPackage(
            f.userId(), PackageSource {fixture::legacyPackage(f.scratchDir()), {}}, {});
        QVERIFY(summary.ok());
        QCOMPARE(summary->notesAdded, 4);
        QVERIFY(note(f, u"guidA1"_s, u"id"_s).toLongLong() != 1000);
        QCOMPARE(f.count(u"SELECT count(*) FROM notes"_s), 5);
        QCOMPARE(f.count(u"SELECT count(*) FROM cards"_s), 5);
        QCOMPARE(
            f.count(u"SELECT count(*) FROM cards c LEFT JOIN notes n ON n.id = c.nid WHERE n.id IS NULL"_s),
            0);
    }

    void mediaNameTaken_renamedAndReferencesFollow()
    {
        InteropFixture f;
        QDir().mkpath(f.mediaFolder());
        QFile mine(QDir(f.mediaFolder()).filePath(u"cat.jpg"_s));
        QVERIFY(mine.open(QIODevice::WriteOnly));
        mine.write("my own cat");
        mine.close();
        auto summary = f.interop().importPackage(
            f.userId(), PackageSource {fixture::legacyPackage(f.scratchDir()), {}}, {});
        QVERIFY(summary.ok());
        QCOMPARE(fixture::readFile(mine.fileName()), QByteArray("my own cat"));
        const QStringList files = QDir(f.mediaFolder()).entryList(QDir::Files, QDir::Name);
        QCOMPARE(files.size(), 2);
        const QString renamed = files.first() == u"cat.jpg"_s ? files.last() : files.first();
        QVERIFY(renamed.startsWith(u"cat-"_s));
        QCOMPARE(fixture::readFile(QDir(f.mediaFolder()).filePath(renamed)), fixture::catJpeg());
        QVERIFY(note(f, u"guidA1"_s, u"flds"_s).contains(u"src=\"%1\""_s.arg(renamed)));
    }

    void deckOption_placesPackageDecksUnderIt()
    {
        InteropFixture f;
        auto parent = f.collection().createDeck(u"From Anki"_s);
        QVERIFY(parent.ok());
        interop::ImportOptions options;
        options.deckId = parent->id;
        QVERIFY(f.interop()
                    .importPackage(
                        f.userId(), PackageSource {fixture::legacyPackage(f.scratchDir()), {}}, options)
                    .ok());
        const QJsonObject decks
            = QJsonDocument::fromJson(f.column(u"SELECT decks FROM col"_s).value(0).toUtf8()).object();
        QCOMPARE(decks.value(card(f, u"guidA1"_s, u"did"_s)).toObject().value(u"name"_s).toString(),
            u"From Anki::Languages::Spanish"_s);
        QCOMPARE(card(f, u"guidD4"_s, u"did"_s).toLongLong(), parent->id); // the package's Default
    }

    void malformed_refusedAndNothingChanges_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        const int invalid = int(ErrorCode::InvalidPackage);
        QTest::newRow("truncated zip") << u"truncated"_s << invalid << u"zip"_s;
        QTest::newRow("not a zip at all") << u"text"_s << invalid << u"zip"_s;
        QTest::newRow("collection is not SQLite") << u"not-sqlite"_s << invalid << u"SQLite"_s;
        QTest::newRow("a table is missing") << u"no-revlog"_s << invalid << u"\"revlog\""_s;
        QTest::newRow("wrong schema version") << u"schema-18-in-anki2"_s << invalid << u"schema version 18"_s;
        QTest::newRow("no collection inside") << u"no-collection"_s << invalid << u"no Anki collection"_s;
        QTest::newRow("newer package version")
            << u"meta-4"_s << int(ErrorCode::UnsupportedPackage) << u"Support older Anki versions"_s;
        QTest::newRow("zip-slip ../") << u"slip:../evil.txt"_s << invalid << u"outside the media folder"_s;
        QTest::newRow("zip-slip absolute")
            << u"slip:/tmp/evil.txt"_s << invalid << u"outside the media folder"_s;
        QTest::newRow("zip-slip backslash")
            << u"slip:..\\evil.txt"_s << invalid << u"outside the media folder"_s;
        QTest::newRow("zip-slip NUL") << u"slip:evil\u0000.txt"_s << invalid << u"outside the media folder"_s;
        QTest::newRow("zip bomb by ratio") << u"bomb"_s << invalid << u"zip bomb"_s;
        // zstd streams declare no size the zip directory could check: stopped mid-stream.
        QTest::newRow("zstd bomb in a version-3 package") << u"zstd-bomb"_s << invalid << u"zip bomb"_s;
        QTest::newRow("declared size is a lie") << u"lie"_s << invalid << u"\"collection.anki2\""_s;
        QTest::newRow("media listed but missing") << u"missing-media"_s << invalid << u"missing"_s;
    }
    void malformed_refusedAndNothingChanges()
    {
        QFETCH(QString, kind);
        QFETCH(int, code);
        QFETCH(QString, message);
        InteropFixture f;
        QVERIFY(f.collection().addCard(collection::NewCard {u"before"_s, u"import"_s, 1, {}, {}}).ok());
        const QByteArray before = f.fileBytes();
        const QString db = f.scratch(u"c.anki2"_s);
        fixture::writeSchema11(db);
        const QString path = f.scratch(u"bad.apkg"_s);
        auto zip
            = [&](const QList<std::pair<QString, QByteArray>> &entries) { fixture::writeZip(path, entries); };
        if (kind == u"truncated"_s) {
            const QByteArray whole = fixture::readFile(fixture::legacyPackage(f.scratchDir()));
            QFile out(path);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(whole.left(whole.size() / 2));
        } else if (kind == u"text"_s) {
            QFile out(path);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write("front,back\n");
        } else if (kind == u"not-sqlite"_s) {
            zip({{u"collection.anki2"_s, QByteArray("hello, I am not a database").repeated(200)}});
        } else if (kind == u"no-revlog"_s) {
            QVERIFY(QProcess::execute(u"sqlite3"_s, {db, u"DROP TABLE revlog"_s}) == 0);
            zip({{u"collection.anki2"_s, fixture::readFile(db)}});
        } else if (kind == u"schema-18-in-anki2"_s) {
            QVERIFY(QProcess::execute(u"sqlite3"_s, {db, u"UPDATE col SET ver = 18"_s}) == 0);
            zip({{u"collection.anki2"_s, fixture::readFile(db)}});
        } else if (kind == u"no-collection"_s) {
            zip({{u"media"_s, QByteArray("{}")}});
        } else if (kind == u"meta-4"_s) {
            zip({{u"meta"_s, QByteArray("\x08\x04", 2)}, {u"collection.anki21b"_s, QByteArray("x")}});
        } else if (kind.startsWith(u"slip:"_s)) {
            const QString name = kind.mid(5);
            zip({{u"collection.anki2"_s, fixture::readFile(db)},
                {u"media"_s, QJsonDocument(QJsonObject {{u"0"_s, name}}).toJson()},
                {u"0"_s, QByteArray("evil")}});
        } else if (kind == u"bomb"_s) {
            zip({{u"collection.anki2"_s, fixture::readFile(db)},
                {u"media"_s, QByteArray(R"({"0": "zeros.bin"})")}, {u"0"_s, QByteArray(8 << 20, '\0')}});
        } else if (kind == u"zstd-bomb"_s) {
            zip({{u"meta"_s, QByteArray("\x08\x03", 2)},
                {u"collection.anki21b"_s, fixture::zstd(QByteArray(64 << 20, '\0'))}});
        } else if (kind == u"lie"_s) {
            zip({{u"collection.anki2"_s, QByteArray(900 * 1024, '\0')}});
            QFile out(path);
            const QByteArray patched = withDeclaredSize(fixture::readFile(path), 1000);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(patched);
        } else if (kind == u"missing-media"_s) {
            zip({{u"collection.anki2"_s, fixture::readFile(db)},
                {u"media"_s, QByteArray(R"({"0": "cat.jpg"})")}});
        }

        auto summary = f.interop().importPackage(f.userId(), PackageSource {path, {}}, {});
        QVERIFY(!summary.ok());
        QCOMPARE(int(summary.code()), code);
        QVERIFY2(summary.error().message.contains(message), qPrintable(summary.error().message));
        QCOMPARE(f.fileBytes(), before);
        QVERIFY(!QDir(f.mediaFolder()).exists());
        QVERIFY(!QFile::exists(QDir(f.dataDir()).filePath(u"user_dbs/evil.txt"_s)));
        QVERIFY(!QFile::exists(u"/tmp/evil.txt"_s));

        // The same bytes uploaded (the API's path) are refused the same way.
        auto uploaded
            = f.interop().importPackage(f.userId(), PackageSource {{}, fixture::readFile(path)}, {});
        QVERIFY(!uploaded.ok());
        QCOMPARE(int(uploaded.code()), code);
        QCOMPARE(f.fileBytes(), before);
    }
};

QTEST_GUILESS_MAIN(TestPackageImport)
#include "tst_packageimport.moc"
