// `javumbo migrate`: a data directory copied into PostgreSQL, verified,
// resumable, source untouched (issue 18; docs/postgresql.md §6).
#include "pgcluster.h"
#include "postgres/pgdatabase.h"
#include "postgres/pgschema.h"
#include "services/backend.h"
#include "services/datacheck.h"
#include "services/idempotencystore.h"
#include "services/pgmigration.h"
#include "storage/database.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace Qt::StringLiterals;
using namespace javumbo;
using testsupport::PgCluster;

class TestPgMigration : public QObject
{
    Q_OBJECT
private:
    PgCluster m_cluster;
    std::unique_ptr<QTemporaryDir> m_dir;
    SystemClock m_clock;
    UserLockRegistry m_locks;
    std::unique_ptr<Backend> m_backend;
    std::map<QString, qint64> m_users; // name -> id
    QString m_database;

    QString dataDir() const { return m_dir->filePath(u"data"_s); }
    QString collection(const QString &user) const
    {
        return dataDir() + u"/user_dbs/user_%1.db"_s.arg(m_users.at(user));
    }
    QString pg(const QString &sql)
    {
        const QString out = m_cluster.psql(sql, m_database);
        if (out.isNull())
            qFatal("%s", qPrintable(m_cluster.error()));
        return out;
    }
    qint64 sqlite(const QString &path, const QString &sql) { return testsupport::queryNumber(path, sql); }

    Result<MigrationReport> migrate()
    {
        storage::Database::closeAllOnThisThread(); // as after the server stopped: nothing open, WAL folded
        auto target = postgres::PgConnectionString::parse(m_cluster.connectionString(m_database));
        if (!target)
            return target.error();
        postgres::PgDatabase database(target.value());
        return PgMigration::toPostgres(dataDir(), database);
    }
    Result<MigrationReport> migrateBack(const QString &into)
    {
        storage::Database::closeAllOnThisThread();
        auto source = postgres::PgConnectionString::parse(m_cluster.connectionString(m_database));
        if (!source)
            return source.error();
        postgres::PgDatabase database(source.value());
        auto report = PgMigration::fromPostgres(database, into);
        storage::Database::closeAllOnThisThread();
        return report;
    }
    // Every file of the data directory and its SHA-256.
    std::map<QString, QByteArray> fingerprint() const
    {
        std::map<QString, QByteArray> files;
        QDirIterator it(dataDir(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (path.endsWith(u"-shm"_s))
                continue;
            QFile file(path);
            if (file.open(QIODevice::ReadOnly))
                files[path] = QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
        }
        return files;
    }

private slots:
    void initTestCase() { QVERIFY2(m_cluster.start(), qPrintable(m_cluster.error())); }

    // Three students with cards, answers, an undone answer, a deleted card,
    // a deck, a sort field of digits, sessions, an Idempotency-Key and a media
    // file; one more account that never wrote.
    void init()
    {
        testsupport::enterTestMode();
        m_dir = std::make_unique<QTemporaryDir>();
        BackendOptions options = testsupport::backendOptions(dataDir());
        m_backend = std::make_unique<Backend>(options, m_clock, m_locks);
        QVERIFY(m_backend->initialize());
        m_users.clear();
        for (const QString &name : {u"ann"_s, u"ben"_s, u"cyd"_s, u"dan"_s}) {
            auto account
                = m_backend->accounts().registerUser({name, u"long enough"_s, {}, name + u"@x.org"_s, {}});
            QVERIFY(account);
            m_users[name] = account->id;
        }
        for (const QString &name : {u"ann"_s, u"ben"_s, u"cyd"_s}) {
            const qint64 user = m_users[name];
            for (int i = 0; i < 4; ++i)
                QVERIFY(m_backend->cards().add(
                    user, {u"%1 card %2"_s.arg(name).arg(i), u"b"_s, 1, {u"t"_s}, {}}));
            QVERIFY(m_backend->sessions().create(user));
        }
        QVERIFY(
            m_backend->cards().add(m_users[u"ann"_s], {u"42"_s, u"digits as the sort field"_s, 1, {}, {}}));
        auto deck = m_backend->decks().create(m_users[u"ben"_s], u"Verbs::Irregular"_s);
        QVERIFY(deck);
        auto card = m_backend->cards().add(m_users[u"ben"_s], {u"ir"_s, u"to go"_s, deck->id, {}, {}});
        QVERIFY(card);
        QVERIFY(m_backend->reviews().answer(m_users[u"ben"_s], {card->cardId, 3, 1200, {}}));
        auto gone = m_backend->cards().add(m_users[u"cyd"_s], {u"doomed"_s, u"b"_s, 1, {}, {}});
        QVERIFY(gone);
        QVERIFY(m_backend->cards().remove(m_users[u"cyd"_s], gone->cardId, {}));
        IdempotencyStore keys(dataDir() + u"/idempotency.db"_s, m_clock);
        QVERIFY(keys.begin(m_users[u"ann"_s], u"key-1"_s, m_clock.nowMs(), "hash"));
        QVERIFY(keys.complete(m_users[u"ann"_s], u"key-1"_s, 201, "{\"id\":1}"));
        QVERIFY(QDir().mkpath(dataDir() + u"/user_dbs/user_1.media"_s));
        QFile media(dataDir() + u"/user_dbs/user_1.media/a.png"_s);
        QVERIFY(media.open(QIODevice::WriteOnly) && media.write("png") == 3);
        media.close();
        m_database = m_cluster.createDatabase();
        QVERIFY2(!m_database.isEmpty(), qPrintable(m_cluster.error()));
    }
    void cleanup()
    {
        storage::Database::closeAllOnThisThread();
        m_backend.reset();
        m_dir.reset();
    }

    void everythingIsCopiedAndVerified()
    {
        auto report = migrate();
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message));
        QCOMPARE(report->accounts, 4);
        QCOMPARE(report->sessions, 3);
        QCOMPARE(report->idempotencyKeys, 1);
        QCOMPARE(report->usersCopied, 4); // registering made every collection
        QCOMPARE(report->usersWithoutCollection, 0);
        QCOMPARE(report->usersAlreadyCopied, 0);
        QCOMPARE(report->mediaFiles, 1);
        // The media file is a row of its user, with its content and SHA-1.
        QCOMPARE(pg(u"SELECT name || ':' || encode(data, 'escape') || ':' || encode(sha1, 'hex') FROM media"
                    " WHERE user_id = 1"_s),
            u"a.png:png:"_s
                + QString::fromLatin1(QCryptographicHash::hash("png", QCryptographicHash::Sha1).toHex()));
        QCOMPARE(pg(u"SELECT count(*) FROM media"_s), u"1"_s);
        // Every table of every user, row for row, in the user's own rows only.
        for (const auto &[name, id] : m_users) {
            if (!QFile::exists(collection(name)))
                continue;
            for (const QString &table : {u"col"_s, u"notes"_s, u"cards"_s, u"revlog"_s, u"graves"_s}) {
                QCOMPARE(pg(u"SELECT count(*) FROM %1 WHERE user_id = %2"_s.arg(table).arg(id)).toLongLong(),
                    sqlite(collection(name), u"SELECT count(*) FROM "_s + table));
            }
            QCOMPARE(pg(u"SELECT string_agg(flds, '|' ORDER BY id) FROM notes WHERE user_id = %1"_s.arg(id)),
                testsupport::queryColumn(collection(name), u"SELECT flds FROM notes ORDER BY id"_s)
                    .join(u'|'));
        }
        QCOMPARE(pg(u"SELECT count(*) FROM revlog"_s), u"1"_s);
        QCOMPARE(pg(u"SELECT count(*) FROM graves"_s).toInt(), 2); // the removed card and its note
        QCOMPARE(pg(u"SELECT count(*) FROM notes WHERE sfld = '42'"_s), u"1"_s);
        QVERIFY(pg(u"SELECT decks FROM col WHERE user_id = %1"_s.arg(m_users[u"ben"_s]))
                    .contains(u"Irregular"_s));
        QCOMPARE(pg(u"SELECT body FROM idempotency WHERE key = 'key-1'"_s), u"\\x7b226964223a317d"_s);
        // Accounts keep their ids and hashes; a new one continues after them.
        for (const auto &[name, id] : m_users)
            QCOMPARE(pg(u"SELECT id FROM accounts WHERE username = '%1'"_s.arg(name)).toLongLong(), id);
        QCOMPARE(pg(u"SELECT password_hash FROM accounts WHERE username = 'ann'"_s),
            testsupport::queryColumn(
                dataDir() + u"/admin.db"_s, u"SELECT password_hash FROM accounts WHERE username = 'ann'"_s)
                .value(0));
        const qint64 newId
            = pg(u"INSERT INTO accounts (username, username_key) VALUES ('eve', 'eve') RETURNING id"_s)
                  .section(u'\n', 0, 0)
                  .toLongLong();
        QVERIFY(newId > m_users[u"dan"_s]);
    }

    // Byte for byte, with the server stopped as the command requires. Only
    // SQLite's shared-memory index (-shm) may change: readers write to it.
    // More rows than one INSERT takes (500): whole batches and a remainder.
    void aLargeCollectionIsCopiedInBatches()
    {
        storage::Database::closeAllOnThisThread();
        m_backend.reset();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"grow"_s);
            db.setDatabaseName(collection(u"ann"_s));
            QVERIFY(db.open());
            QSqlQuery grow(db);
            // 1,198 more notes and cards, copies of the first with new ids: 1,203 in all.
            // Cards first, while max(notes.id) is still the old one their new notes will follow.
            QVERIFY2(grow.exec(
                         u"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1198)"
                         " INSERT INTO cards SELECT (SELECT max(id) FROM cards) + i, (SELECT max(id) FROM "
                         "notes) + i,"
                         " did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid,"
                         " flags, data FROM cards, n WHERE cards.id = (SELECT min(id) FROM cards)"_s),
                qPrintable(grow.lastError().text()));
            QVERIFY2(
                grow.exec(u"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1198)"
                          " INSERT INTO notes SELECT (SELECT max(id) FROM notes) + i, guid || i, mid, mod, "
                          "usn, tags,"
                          " flds || i, sfld, csum, flags, data FROM notes, n"
                          " WHERE notes.id = (SELECT min(id) FROM notes)"_s),
                qPrintable(grow.lastError().text()));
            db.close();
        }
        QSqlDatabase::removeDatabase(u"grow"_s);
        QCOMPARE(sqlite(collection(u"ann"_s), u"SELECT count(*) FROM cards"_s), 1203);
        auto report = migrate();
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message));
        QCOMPARE(pg(u"SELECT count(*) FROM cards WHERE user_id = %1"_s.arg(m_users[u"ann"_s])), u"1203"_s);
        QCOMPARE(pg(u"SELECT count(*) FROM notes WHERE user_id = %1"_s.arg(m_users[u"ann"_s])), u"1203"_s);
        QCOMPARE(migrate()->usersAlreadyCopied, 4); // the digest of 1,203 rows matches
    }

    void theSourceIsOnlyRead()
    {
        storage::Database::closeAllOnThisThread();
        m_backend.reset();
        const auto before = fingerprint();
        QVERIFY(before.size() >= 7); // admin.db, idempotency.db, four collections, the media file
        QVERIFY(migrate().ok());
        const auto after = fingerprint();
        for (const auto &[path, digest] : before) {
            QVERIFY2(after.count(path), qPrintable(path));
            QVERIFY2(after.at(path) == digest, qPrintable(path + u" changed"_s));
        }
    }

    void runningAgainCopiesNothingTwice()
    {
        QVERIFY(migrate().ok());
        const QString counts = pg(u"SELECT (SELECT count(*) FROM notes), (SELECT count(*) FROM cards),"
                                  " (SELECT count(*) FROM accounts), (SELECT count(*) FROM sessions)"_s);
        auto again = migrate();
        QVERIFY(again.ok());
        QCOMPARE(again->usersCopied, 0);
        QCOMPARE(again->usersAlreadyCopied, 4); // registering made dan's collection
        QVERIFY(again->rows.isEmpty());
        QCOMPARE(again->mediaFiles, 0);
        QCOMPARE(pg(u"SELECT (SELECT count(*) FROM notes), (SELECT count(*) FROM cards),"
                    " (SELECT count(*) FROM accounts), (SELECT count(*) FROM sessions)"_s),
            counts);
    }

    // A run that failed half-way (here: PostgreSQL refused one user's cards)
    // keeps the users it committed; the next run copies only the rest.
    void anInterruptedRunIsResumed()
    {
        {
            auto target = postgres::PgConnectionString::parse(m_cluster.connectionString(m_database));
            QVERIFY(target.ok());
            postgres::PgDatabase database(target.value());
            QVERIFY(postgres::preparePgSchema(database).ok());
        }
        QVERIFY(!m_cluster
                     .psql(u"CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS"
                           " $$BEGIN RAISE EXCEPTION 'refused for the test'; END$$;"
                           " CREATE TRIGGER refuse_ben BEFORE INSERT ON cards FOR EACH ROW"
                           " WHEN (NEW.user_id = %1) EXECUTE FUNCTION refuse()"_s.arg(m_users[u"ben"_s]),
                         m_database)
                     .isNull());
        auto failed = migrate();
        QVERIFY(!failed.ok());
        QVERIFY2(failed.error().message.contains(u"ben"_s), qPrintable(failed.error().message));
        QCOMPARE(pg(u"SELECT count(*) FROM cards WHERE user_id = %1"_s.arg(m_users[u"ben"_s])), u"0"_s);
        QCOMPARE(pg(u"SELECT count(*) FROM notes WHERE user_id = %1"_s.arg(m_users[u"ben"_s])),
            u"0"_s); // rolled back
        QCOMPARE(pg(u"SELECT count(*) FROM cards WHERE user_id = %1"_s.arg(m_users[u"ann"_s])),
            u"5"_s); // committed

        pg(u"DROP TRIGGER refuse_ben ON cards"_s);
        auto resumed = migrate();
        QVERIFY2(resumed.ok(), qPrintable(resumed.ok() ? QString() : resumed.error().message));
        QCOMPARE(resumed->usersAlreadyCopied, 1); // ann
        QCOMPARE(resumed->usersCopied, 3); // ben, cyd, dan
        QCOMPARE(pg(u"SELECT count(*) FROM cards WHERE user_id = %1"_s.arg(m_users[u"ben"_s])), u"5"_s);
    }

    // What changed in the source since a first run (a student studied, a
    // session ended) is what the target holds after the next.
    void aSecondRunCatchesUp()
    {
        QVERIFY(migrate().ok());
        QVERIFY(m_backend->cards().add(m_users[u"cyd"_s], {u"late"_s, u"b"_s, 1, {}, {}}));
        QVERIFY(m_backend->sessions().logoutAllForUser(m_users[u"ann"_s]));
        auto again = migrate();
        QVERIFY(again.ok());
        QCOMPARE(again->usersCopied, 1);
        QCOMPARE(again->sessions, 2);
        QCOMPARE(pg(u"SELECT count(*) FROM sessions WHERE user_id = %1"_s.arg(m_users[u"ann"_s])), u"0"_s);
        QCOMPARE(pg(u"SELECT count(*) FROM notes WHERE user_id = %1 AND flds LIKE 'late%'"_s.arg(
                     m_users[u"cyd"_s])),
            u"1"_s);
    }

    // The command an admin runs: the data directory claimed, a summary, a
    // second run that resumes, and a password on the command line refused.
    void theCommandMigratesAndSummarises()
    {
        storage::Database::closeAllOnThisThread();
        m_backend.reset(); // the server stops first: the command claims the directory
        auto run = [&](const QString &to, QString *output) {
            QProcess process;
            process.start(
                QStringLiteral(JAVUMBO_BINARY), {u"migrate"_s, u"--from"_s, dataDir(), u"--to"_s, to});
            process.waitForFinished(120000);
            *output = QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
            return process.exitCode();
        };
        QString output;
        QCOMPARE(run(m_cluster.connectionString(m_database), &output), 0);
        QVERIFY2(output.contains(u"users: 4 copied and verified, 0 already copied"_s), qPrintable(output));
        QVERIFY2(output.contains(u"media files copied: 1"_s), qPrintable(output));
        QCOMPARE(run(m_cluster.connectionString(m_database), &output), 0);
        QVERIFY2(output.contains(u"users: 0 copied and verified, 4 already copied"_s), qPrintable(output));
        const QString back = m_dir->filePath(u"back"_s);
        QProcess reverse;
        reverse.start(QStringLiteral(JAVUMBO_BINARY),
            {u"migrate"_s, u"--from"_s, m_cluster.connectionString(m_database), u"--to"_s, back});
        QVERIFY(reverse.waitForFinished(120000));
        const QString reverseOutput
            = QString::fromUtf8(reverse.readAllStandardOutput() + reverse.readAllStandardError());
        QCOMPARE(reverse.exitCode(), 0);
        QVERIFY2(reverseOutput.contains(u"users: 4 copied and verified"_s), qPrintable(reverseOutput));
        QVERIFY(QFile::exists(back + u"/admin.db"_s));
        QCOMPARE(run(m_cluster.connectionString(m_database) + u" password=secret"_s, &output), 2);
        QVERIFY2(output.contains(u"passfile"_s), qPrintable(output));
        QCOMPARE(run(u"dbname=nowhere host=/nonexistent"_s, &output), 1);
        QVERIFY2(output.contains(u"cannot reach PostgreSQL"_s), qPrintable(output));
    }

    // Into PostgreSQL and back: the same accounts, sessions, keys and rows,
    // and the server's own code opens the files and goes on.
    void aRoundTripGivesBackTheSameInstallation()
    {
        QVERIFY(migrate().ok());
        const QString back = m_dir->filePath(u"back"_s);
        auto report = migrateBack(back);
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message));
        QCOMPARE(report->accounts, 4);
        QCOMPARE(report->usersCopied, 4);
        QCOMPARE(report->sessions, 3);
        QCOMPARE(report->idempotencyKeys, 1);
        QCOMPARE(report->mediaFiles, 1);
        QFile media(back + u"/user_dbs/user_1.media/a.png"_s);
        QVERIFY(media.open(QIODevice::ReadOnly));
        QCOMPARE(media.readAll(), QByteArray("png"));
        QCOMPARE(QDir(back + u"/user_dbs/user_1.media"_s).entryList(QDir::Files | QDir::Hidden),
            QStringList {u"a.png"_s});
        const auto same = [&](const QString &relative, const QString &sql) {
            const QStringList original = testsupport::queryColumn(dataDir() + relative, sql);
            const QStringList copy = testsupport::queryColumn(back + relative, sql);
            QVERIFY2(!original.isEmpty(), qPrintable(relative + u": "_s + sql));
            QCOMPARE(copy, original);
        };
        same(u"/admin.db"_s,
            u"SELECT id || username || username_key || email || email_key || name || area_of_interest ||"
            " password_hash || created_at || is_admin || disabled FROM accounts ORDER BY id"_s);
        same(u"/admin.db"_s,
            u"SELECT hex(token_hash) || user_id || created_at || last_seen || current_deck_id FROM sessions"
            " ORDER BY token_hash"_s);
        same(u"/idempotency.db"_s,
            u"SELECT user_id || key || hex(request_hash) || status || hex(body) FROM idempotency"_s);
        for (const auto &[name, id] : m_users) {
            if (name == "dan"_L1)
                continue; // no cards: compared by the digest alone
            const QString relative = u"/user_dbs/user_%1.db"_s.arg(id);
            same(relative,
                u"SELECT crt || mod || scm || ver || conf || models || decks || dconf || tags FROM col"_s);
            same(relative,
                u"SELECT id || guid || mid || mod || tags || flds || typeof(sfld) || sfld || csum FROM notes ORDER BY id"_s);
            same(relative,
                u"SELECT id || nid || did || ord || type || queue || due || ivl || factor || reps || \"left\" FROM cards ORDER BY id"_s);
        }
        same(u"/user_dbs/user_%1.db"_s.arg(m_users[u"ben"_s]),
            u"SELECT id || cid || ease || ivl || lastIvl || time FROM revlog"_s);
        same(u"/user_dbs/user_%1.db"_s.arg(m_users[u"ben"_s]),
            u"SELECT id || cid || etag || undone FROM javumbo_undo"_s);
        same(u"/user_dbs/user_%1.db"_s.arg(m_users[u"cyd"_s]),
            u"SELECT oid || type FROM graves ORDER BY oid, type"_s);

        // The server's own code on the copy: its checks pass, a student studies on.
        storage::Database::closeAllOnThisThread();
        m_backend.reset();
        auto checked = DataCheck::run(back);
        QVERIFY(checked.ok());
        QVERIFY2(checked->ok(), qPrintable(checked->toText()));
        BackendOptions options = testsupport::backendOptions(back);
        Backend copy(options, m_clock, m_locks);
        QVERIFY(copy.initialize());
        auto cards = copy.cards().add(m_users[u"ben"_s], {u"after the round trip"_s, u"b"_s, 1, {}, {}});
        QVERIFY2(cards.ok(), qPrintable(cards.ok() ? QString() : cards.error().message));
        auto newcomer = copy.accounts().registerUser({u"eve"_s, u"long enough"_s, {}, u"eve@x.org"_s, {}});
        QVERIFY(newcomer.ok());
        QVERIFY(newcomer->id > m_users[u"dan"_s]);
        storage::Database::closeAllOnThisThread();
    }

    void intoADataDirectoryItResumes()
    {
        QVERIFY(migrate().ok());
        const QString back = m_dir->filePath(u"back"_s);
        QVERIFY(migrateBack(back).ok());
        auto again = migrateBack(back);
        QVERIFY(again.ok());
        QCOMPARE(again->usersCopied, 0);
        QCOMPARE(again->usersAlreadyCopied, 4);
        pg(u"UPDATE notes SET tags = ' changed ' WHERE user_id = %1"_s.arg(m_users[u"ann"_s]));
        auto third = migrateBack(back);
        QVERIFY2(third.ok(), qPrintable(third.ok() ? QString() : third.error().message));
        QCOMPARE(third->usersCopied, 1);
        QCOMPARE(testsupport::queryColumn(back + u"/user_dbs/user_%1.db"_s.arg(m_users[u"ann"_s]),
                     u"SELECT DISTINCT tags FROM notes"_s),
            QStringList {u" changed "_s});
        QVERIFY(!QFile::exists(back + u"/user_dbs/user_%1.db.migrating"_s.arg(m_users[u"ann"_s])));
    }

    void intoAnotherInstallationsDirectoryIsRefused()
    {
        QVERIFY(migrate().ok());
        pg(u"UPDATE accounts SET username_key = 'zed' WHERE id = %1"_s.arg(m_users[u"dan"_s]));
        auto refused = migrateBack(dataDir()); // the original: its dan is not PostgreSQL's zed
        QVERIFY(!refused.ok());
        QCOMPARE(refused.code(), ErrorCode::BadRequest);
        QVERIFY2(refused.error().message.contains(u"dan"_s), qPrintable(refused.error().message));
    }

    void anotherInstallationsDatabaseIsRefused()
    {
        QVERIFY(migrate().ok()); // makes the schema
        pg(u"UPDATE accounts SET username_key = 'zed' WHERE id = %1"_s.arg(m_users[u"dan"_s]));
        auto refused = migrate();
        QVERIFY(!refused.ok());
        QCOMPARE(refused.code(), ErrorCode::BadRequest);
        QVERIFY2(refused.error().message.contains(u"zed"_s), qPrintable(refused.error().message));
        QCOMPARE(pg(u"SELECT username_key FROM accounts WHERE id = %1"_s.arg(m_users[u"dan"_s])), u"zed"_s);
    }
};

QTEST_GUILESS_MAIN(TestPgMigration)
#include "tst_pgmigration.moc"
