#include "storage/collectionschema.h"
#include "storage/database.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::storage;
using javumbo::testsupport::queryColumn;
using javumbo::testsupport::queryNumber;

namespace {

// A collection file made by collectionschema::createFile at d0 10:00, UTC.
class FreshFile
{
public:
    FreshFile()
    {
        if (auto created = collectionschema::createFile(path(), testsupport::kDay0TenAmMs, 0); !created)
            qFatal("cannot create %s: %s", qPrintable(path()), qPrintable(created.error().message));
    }
    ~FreshFile() { Database::closeOnThisThread(path()); }
    QString path() const { return m_dir.filePath(u"collection.db"_s); }

private:
    QTemporaryDir m_dir;
};

Result<Connection *> openCollection(const QString &path)
{
    return Database::open(path, OpenMode::ReadWrite, &collectionschema::verify);
}

} // namespace

class TestCollectionSchema : public QObject
{
    Q_OBJECT
private:
    QJsonObject colJson(const QString &path, const QString &column)
    {
        return QJsonDocument::fromJson(
            queryColumn(path, u"SELECT "_s % column % u" FROM col"_s).value(0).toUtf8())
            .object();
    }

private slots:
    void initTestCase() { testsupport::enterTestMode(); }

    void create_writesAllTablesAndIndexes()
    {
        FreshFile fixture;
        const QStringList tables = queryColumn(
            fixture.path(), u"SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"_s);
        QCOMPARE(tables, (QStringList {u"cards"_s, u"col"_s, u"graves"_s, u"notes"_s, u"revlog"_s}));
        const QStringList indexes = queryColumn(
            fixture.path(), u"SELECT name FROM sqlite_master WHERE type='index' ORDER BY name"_s);
        QCOMPARE(indexes,
            (QStringList {u"ix_cards_nid"_s, u"ix_cards_sched"_s, u"ix_cards_usn"_s, u"ix_notes_csum"_s,
                u"ix_notes_usn"_s, u"ix_revlog_cid"_s, u"ix_revlog_usn"_s}));
        // Every column NOT NULL (docs/scheduling.md §9), except the integer primary keys which SQLite reports as
        // nullable.
        for (const QString &table : {u"col"_s, u"notes"_s, u"cards"_s, u"revlog"_s, u"graves"_s}) {
            const qint64 nullable = queryNumber(fixture.path(),
                u"SELECT count(*) FROM pragma_table_info('%1') WHERE \"notnull\" = 0 AND pk = 0"_s.arg(
                    table));
            QCOMPARE(nullable, qint64(0));
        }
    }

    void create_writesFreshColRow()
    {
        FreshFile fixture;
        const QString path = fixture.path();
        QCOMPARE(queryNumber(path, u"SELECT count(*) FROM col"_s), qint64(1));
        QCOMPARE(queryNumber(path, u"SELECT ver FROM col"_s), qint64(11));
        QCOMPARE(
            queryNumber(path, u"SELECT crt FROM col"_s), qint64(1704081600)); // 04:00 of the creation day
        QCOMPARE(queryNumber(path, u"SELECT mod FROM col"_s), testsupport::kDay0TenAmMs);
        QCOMPARE(queryNumber(path, u"SELECT scm FROM col"_s), testsupport::kDay0TenAmMs);
        QCOMPARE(queryNumber(path, u"SELECT dty + usn + ls FROM col"_s), qint64(0));
        QCOMPARE(queryColumn(path, u"SELECT tags FROM col"_s), QStringList {u"{}"_s});

        const QJsonObject conf = colJson(path, u"conf"_s);
        QCOMPARE(conf.value(u"nextPos"_s).toInt(), 1);
        QCOMPARE(conf.value(u"curDeck"_s).toInt(), 1);
        QCOMPARE(conf.value(u"collapseTime"_s).toInt(), 1200);
        QCOMPARE(conf.value(u"rollover"_s).toInt(), 4);
        QCOMPARE(conf.value(u"schedVer"_s).toInt(), 2);
        QCOMPARE(conf.value(u"sched2021"_s).toBool(), true);
        QCOMPARE(conf.value(u"creationOffset"_s).toInt(), 0);
        QVERIFY(conf.contains(u"localOffset"_s));

        const QJsonObject decks = colJson(path, u"decks"_s);
        QCOMPARE(decks.keys(), QStringList {u"1"_s});
        const QJsonObject defaultDeck = decks.value(u"1"_s).toObject();
        QCOMPARE(defaultDeck.value(u"name"_s).toString(), u"Default"_s);
        for (const QString &key : {u"newToday"_s, u"revToday"_s, u"lrnToday"_s, u"timeToday"_s})
            QCOMPARE(defaultDeck.value(key).toArray().size(), 2);

        const QJsonObject dconf = colJson(path, u"dconf"_s).value(u"1"_s).toObject();
        QCOMPARE(dconf.value(u"new"_s).toObject().value(u"perDay"_s).toInt(), 20);
        QCOMPARE(dconf.value(u"rev"_s).toObject().value(u"maxIvl"_s).toInt(), 36500);
        QCOMPARE(dconf.value(u"lapse"_s).toObject().value(u"leechFails"_s).toInt(), 8);

        const QJsonObject models = colJson(path, u"models"_s);
        QCOMPARE(models.size(), 1);
        const QJsonObject basic = models.begin().value().toObject();
        QCOMPARE(basic.value(u"name"_s).toString(), u"Basic"_s);
        QCOMPARE(QString::number(basic.value(u"id"_s).toInteger()), models.begin().key());
        QCOMPARE(conf.value(u"curModel"_s).toInteger(), basic.value(u"id"_s).toInteger());
        QCOMPARE(basic.value(u"flds"_s).toArray().size(), 2);
        QCOMPARE(
            basic.value(u"tmpls"_s).toArray().at(0).toObject().value(u"qfmt"_s).toString(), u"{{Front}}"_s);
    }

    void open_usesWalMode()
    {
        FreshFile fixture;
        QVERIFY(openCollection(fixture.path()));
        QCOMPARE(queryColumn(fixture.path(), u"PRAGMA journal_mode"_s), QStringList {u"wal"_s});
    }

    void create_refusesExistingFile()
    {
        FreshFile fixture;
        const auto again = collectionschema::createFile(fixture.path(), testsupport::kDay0TenAmMs, 0);
        QVERIFY(!again);
        QCOMPARE(again.code(), ErrorCode::StorageUnavailable);
        QCOMPARE(queryNumber(fixture.path(), u"SELECT ver FROM col"_s), qint64(11));
    }

    void create_leavesNoPartialFileOnFailure()
    {
        QTemporaryDir dir;
        // A directory where the partial file should go makes creation fail.
        const QString path = dir.filePath(u"user.db"_s);
        QVERIFY(QDir().mkpath(path + u".creating"_s + u"/blocker"_s));
        const auto created = collectionschema::createFile(path, testsupport::kDay0TenAmMs, 0);
        QVERIFY(!created);
        QVERIFY(!QFile::exists(path));
    }

    void open_refusesMissingFileInsteadOfCreatingIt()
    {
        QTemporaryDir dir;
        const auto opened = openCollection(dir.filePath(u"nobody.db"_s));
        QVERIFY(!opened);
        QCOMPARE(opened.code(), ErrorCode::StorageUnavailable);
        QVERIFY(!QFile::exists(dir.filePath(u"nobody.db"_s)));
    }

    void open_refusesWrongSchemaVersion()
    {
        FreshFile fixture;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"writer"_s);
            db.setDatabaseName(fixture.path());
            QVERIFY(db.open());
            QVERIFY(QSqlQuery(db).exec(u"UPDATE col SET ver = 18"_s));
        }
        QSqlDatabase::removeDatabase(u"writer"_s);
        Database::closeOnThisThread(fixture.path());
        const auto opened = openCollection(fixture.path());
        QVERIFY(!opened);
        QCOMPARE(opened.code(), ErrorCode::StorageCorrupt);
        QVERIFY(opened.error().message.contains(u"18"_s));
    }

    void open_refusesFileThatIsNotADatabase()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"junk.db"_s);
        QFile junk(path);
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write(QByteArray(4096, 'x'));
        junk.close();
        const auto opened = openCollection(path);
        QVERIFY(!opened);
        QCOMPARE(opened.code(), ErrorCode::StorageCorrupt);
    }
};

QTEST_GUILESS_MAIN(TestCollectionSchema)
#include "tst_collectionschema.moc"
