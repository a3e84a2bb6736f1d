// Backups taken while writers run, their restore, and check-data (issue 14).
#include "services/backend.h"
#include "services/databackup.h"
#include "services/datacheck.h"
#include "services/profilebackups.h"
#include "services/quarantine.h"
#include "storage/database.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

using namespace Qt::StringLiterals;
using namespace javumbo;

namespace {

enum class BackupDamage
{
    FlippedByte,
    MissingFile,
    NoManifest,
};

} // namespace

Q_DECLARE_METATYPE(BackupDamage)

class TestDataBackup : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> m_dir;
    SystemClock m_clock;
    UserLockRegistry m_locks;
    std::unique_ptr<Backend> m_backend;
    QList<qint64> m_users;

    QString dataDir() const { return m_dir->filePath(u"data"_s); }
    QString path(const QString &relative) const { return m_dir->filePath(relative); }
    std::set<qint64> cardIds(const QString &collection) const
    {
        std::set<qint64> ids;
        for (const QString &id : testsupport::queryColumn(collection, u"SELECT id FROM cards"_s))
            ids.insert(id.toLongLong());
        return ids;
    }
    // A small backup of the fixture's data, made with no writers running.
    QString quietBackup()
    {
        const QString backup = path(u"quiet"_s);
        auto made = DataBackup::create(dataDir(), backup, u"test"_s);
        if (!made)
            qFatal("backup failed: %s", qPrintable(made.error().message));
        return backup;
    }

private slots:
    void init()
    {
        testsupport::enterTestMode();
        m_dir = std::make_unique<QTemporaryDir>();
        BackendOptions options = testsupport::backendOptions(dataDir());
        m_backend = std::make_unique<Backend>(options, m_clock, m_locks);
        QVERIFY(m_backend->initialize());
        m_users.clear();
        for (const QString &name : {u"ann"_s, u"ben"_s, u"cyd"_s}) {
            auto account
                = m_backend->accounts().registerUser({name, u"long enough"_s, {}, name + u"@x.org"_s, {}});
            QVERIFY(account);
            m_users << account->id;
            QVERIFY(m_backend->cards().add(account->id, {u"first"_s, u"b"_s, 1, {}, {}}));
        }
    }
    void cleanup()
    {
        storage::Database::closeAllOnThisThread();
        m_backend.reset();
        m_dir.reset();
    }

    void backupDuringAWriteBurst_holdsEveryCardAcknowledgedBeforeIt()
    {
        std::mutex mutex;
        std::map<qint64, std::vector<qint64>> acknowledged; // user -> card ids, guarded by mutex
        std::atomic<bool> stop {false};
        std::atomic<int> adds {0};
        std::vector<std::thread> writers;
        for (int w = 0; w < 6; ++w) {
            writers.emplace_back([&, w] {
                const qint64 user = m_users[w % m_users.size()];
                for (int i = 0; !stop; ++i) {
                    auto added = m_backend->cards().add(user, {u"w%1 %2"_s.arg(w).arg(i), u"b"_s, 1, {}, {}});
                    if (added) {
                        std::lock_guard guard(mutex);
                        acknowledged[user].push_back(added->cardId);
                        ++adds;
                    }
                }
                storage::Database::closeAllOnThisThread();
            });
        }
        QTRY_VERIFY_WITH_TIMEOUT(adds.load() >= 200, 30000);
        std::map<qint64, std::vector<qint64>> beforeBackup;
        {
            std::lock_guard guard(mutex);
            beforeBackup = acknowledged;
        }
        auto made = DataBackup::create(dataDir(), path(u"backup"_s), u"test"_s);
        const int addsDuringBackup = adds.load();
        stop = true;
        for (std::thread &writer : writers)
            writer.join();
        QVERIFY2(made, qPrintable(made ? QString() : made.error().message));
        QVERIFY(addsDuringBackup > 200); // the writers really ran beside it

        QVERIFY(DataBackup::verify(path(u"backup"_s)));
        auto restored = DataBackup::restore(path(u"backup"_s), path(u"restored"_s), {});
        QVERIFY2(restored, qPrintable(restored ? QString() : restored.error().message));
        for (const auto &[user, ids] : beforeBackup) {
            const std::set<qint64> present = cardIds(path(u"restored/user_dbs/user_%1.db"_s.arg(user)));
            for (const qint64 id : ids)
                QVERIFY2(present.contains(id),
                    qPrintable(
                        u"card %1 of user %2 acknowledged before the backup is missing"_s.arg(id).arg(user)));
        }
        auto report = DataCheck::run(path(u"restored"_s));
        QVERIFY(report);
        QVERIFY2(report->ok(), qPrintable(report->toText()));
        QCOMPARE(report->collections, 3);
    }

    void restoreRefusesADamagedBackup_data()
    {
        QTest::addColumn<BackupDamage>("damage");
        QTest::newRow("checksum mismatch") << BackupDamage::FlippedByte;
        QTest::newRow("missing file") << BackupDamage::MissingFile;
        QTest::newRow("no manifest") << BackupDamage::NoManifest;
    }
    void restoreRefusesADamagedBackup()
    {
        QFETCH(BackupDamage, damage);
        const QString backup = quietBackup();
        const QString collection = backup + u"/user_dbs/user_%1.db"_s.arg(m_users[1]);
        switch (damage) {
        case BackupDamage::FlippedByte: {
            QFile file(collection);
            QVERIFY(file.open(QIODevice::ReadWrite));
            QVERIFY(file.seek(file.size() / 2));
            char byte = 0;
            QVERIFY(file.getChar(&byte));
            QVERIFY(file.seek(file.size() / 2));
            QVERIFY(file.putChar(char(byte ^ 0x01)));
            break;
        }
        case BackupDamage::MissingFile:
            QVERIFY(QFile::remove(collection));
            break;
        case BackupDamage::NoManifest:
            QVERIFY(QFile::remove(backup + u"/manifest.json"_s));
            break;
        }
        const QString target = path(u"target"_s);
        auto restored = DataBackup::restore(backup, target, {});
        QVERIFY(!restored);
        QCOMPARE(restored.code(), ErrorCode::StorageCorrupt);
        QVERIFY(!QFileInfo::exists(target + u"/admin.db"_s)); // nothing was written
    }

    void restore_overwritesOnlyWithForceOrAQuarantinedCollection()
    {
        const QString backup = quietBackup();
        const qint64 ben = m_users[1];
        QVERIFY(m_backend->cards().add(ben, {u"after the backup"_s, u"b"_s, 1, {}, {}}));
        storage::Database::closeAllOnThisThread();
        m_backend.reset(); // the server stops before a restore

        auto refused = DataBackup::restore(backup, dataDir(), {});
        QVERIFY(!refused);
        QVERIFY(refused.error().message.contains(u"--force"_s));

        // Ben's collection is damaged and quarantined: restoring him alone needs no --force.
        const QString live = dataDir() + u"/user_dbs/user_%1.db"_s.arg(ben);
        QVERIFY(QFile::resize(live, 100));
        QFile marker(Quarantine::markerPath(live));
        QVERIFY(marker.open(QIODevice::WriteOnly));
        marker.close();
        auto one = DataBackup::restore(backup, dataDir(), {false, u"ben"_s});
        QVERIFY2(one, qPrintable(one ? QString() : one.error().message));
        QCOMPARE(one.value(), QStringList {u"user_dbs/user_%1.db"_s.arg(ben)});
        QVERIFY(!QFileInfo::exists(Quarantine::markerPath(live)));
        QCOMPARE(testsupport::queryNumber(live, u"SELECT count(*) FROM cards"_s), qint64(1));

        auto everything = DataBackup::restore(backup, dataDir(), {true, {}});
        QVERIFY(everything);
        auto report = DataCheck::run(dataDir());
        QVERIFY(report && report->ok());
    }

    void checkData_reportsWhatIsWrong()
    {
        storage::Database::closeAllOnThisThread();
        m_backend.reset();
        auto clean = DataCheck::run(dataDir());
        QVERIFY(clean);
        QVERIFY2(clean->ok(), qPrintable(clean->toText()));
        QCOMPARE(clean->accounts, 3);

        const QString userDbs = dataDir() + u"/user_dbs/"_s;
        QVERIFY(
            QFile::copy(userDbs + u"user_%1.db"_s.arg(m_users[0]), userDbs + u"user_999.db"_s)); // no account
        QVERIFY(QFile::remove(userDbs + u"user_%1.db"_s.arg(m_users[1]))); // account without collection
        QFile damaged(userDbs + u"user_%1.db"_s.arg(m_users[2]));
        QVERIFY(damaged.open(QIODevice::ReadWrite));
        QVERIFY(damaged.seek(4096 * 2));
        QVERIFY(damaged.write(QByteArray(4096, '\x33')) == 4096);
        damaged.close();
        QFile marker(Quarantine::markerPath(damaged.fileName()));
        QVERIFY(marker.open(QIODevice::WriteOnly));
        marker.write("{\"reason\":\"test\"}");
        marker.close();
        {
            // A collection of another Anki schema version.
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"newer"_s);
            db.setDatabaseName(userDbs + u"user_%1.db"_s.arg(m_users[0]));
            QVERIFY(db.open());
            QVERIFY(QSqlQuery(db).exec(u"UPDATE col SET ver = 12"_s));
            db.close();
        }
        QSqlDatabase::removeDatabase(u"newer"_s);
        // A WAL no checkpoint keeps up with (sparse: only its size matters).
        QFile wal(userDbs + u"user_999.db-wal"_s);
        QVERIFY(wal.open(QIODevice::WriteOnly));
        QVERIFY(wal.resize(DataCheck::kOversizedWalBytes + 4096));
        wal.close();

        auto report = DataCheck::run(dataDir());
        QVERIFY(report);
        QVERIFY(!report->ok());
        QStringList problems;
        for (const auto &finding : report->findings)
            problems << finding.problem;
        for (const QString &expected : {u"orphan-collection"_s, u"missing-collection"_s, u"integrity"_s,
                 u"quarantined"_s, u"schema"_s, u"oversized-wal"_s})
            QVERIFY2(problems.contains(expected), qPrintable(report->toText()));
        QCOMPARE(report->toJson().value(u"ok"_s).toBool(), false);
    }

    // The desktop app's Profile > Restore from backup: the collection is open
    // (cached connections, a WAL) while its content is replaced.
    void profileBackups_restoreAnOpenCollectionAndKeepWhatWasThere()
    {
        const qint64 ann = m_users[0];
        ProfileBackups backups(m_backend->context(), 3);
        auto first = backups.backUp(ann);
        QVERIFY2(first, qPrintable(first ? QString() : first.error().message));
        QVERIFY(m_backend->cards().add(ann, {u"after"_s, u"b"_s, 1, {}, {}}));
        QVERIFY(m_backend->cards().add(ann, {u"after 2"_s, u"b"_s, 1, {}, {}}));
        QCOMPARE(m_backend->cards().find(ann, {}).value().total, qint64(3));

        auto restored = backups.restore(ann, first->path);
        QVERIFY2(restored, qPrintable(restored ? QString() : restored.error().message));
        // The open connection sees the restored content; nothing was quarantined.
        auto page = m_backend->cards().find(ann, {});
        QVERIFY2(page, qPrintable(page ? QString() : page.error().message));
        QCOMPARE(page->total, qint64(1));
        QVERIFY(m_backend->cards().add(ann, {u"after the restore"_s, u"b"_s, 1, {}, {}}));
        QCOMPARE(m_backend->quarantine().size(), 0);

        // What was there before the restore was backed up first, newest first.
        const auto list = backups.list(ann);
        QCOMPARE(list.size(), 2);
        QCOMPARE(testsupport::queryNumber(list.first().path, u"SELECT count(*) FROM cards"_s), qint64(3));
        QCOMPARE(list.last().path, first->path);
        for (int i = 0; i < 3; ++i)
            QVERIFY(backups.backUp(ann));
        QCOMPARE(backups.list(ann).size(), 3); // only the newest `keep`
    }
};

QTEST_GUILESS_MAIN(TestDataBackup)
#include "tst_databackup.moc"
