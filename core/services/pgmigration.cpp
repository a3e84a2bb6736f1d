#include "pgmigration.h"

#include "accounts/adminschema.h"
#include "idempotencystore.h"
#include "interop/mediafolder.h"
#include "interop/mediastore.h"
#include "postgres/collectiondigest.h"
#include "postgres/pgschema.h"
#include "postgres/pgtransaction.h"
#include "postgres/userwritelock.h"
#include "storage/collectionschema.h"
#include "storage/database.h"
#include "storage/filecheck.h"
#include "storage/pgcollections.h"
#include "storage/readonlydatabase.h"
#include "storage/transaction.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlQuery>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace javumbo {

namespace {

using postgres::CollectionDigest;
using postgres::CollectionTable;
using postgres::collectionTables;
using postgres::ColumnKind;
using postgres::PgDatabase;
using postgres::PgTransaction;
using storage::ReadOnlyDatabase;
using Rows = QList<QVariantList>;

// The longest the migration waits for a row or user another session holds
// (a server that was not stopped); past it, the run stops and can be resumed.
constexpr std::chrono::milliseconds kLockBound = std::chrono::seconds(30);

// The shared tables, column for column the same on both backends
// (core/accounts/adminschema.cpp, core/services/idempotencystore.cpp, postgres/pgschema.cpp).
const QStringList kAccountColumns = {u"id"_s, u"username"_s, u"username_key"_s, u"email"_s, u"email_key"_s,
    u"name"_s, u"area_of_interest"_s, u"password_hash"_s, u"created_at"_s, u"is_admin"_s, u"disabled"_s};
const QStringList kSessionColumns
    = {u"token_hash"_s, u"user_id"_s, u"created_at"_s, u"last_seen"_s, u"current_deck_id"_s};
const QStringList kIdempotencyColumns
    = {u"user_id"_s, u"key"_s, u"created_at"_s, u"completed"_s, u"request_hash"_s, u"status"_s, u"body"_s};

QString placeholders(qsizetype count)
{
    return QStringList(count, u"?"_s).join(u", "_s);
}

// A value as the target column's kind expects it: SQLite keeps what it was
// given (digits in a text column come back as an integer).
QVariant asKind(const QVariant &value, ColumnKind kind)
{
    if (value.isNull())
        return value;
    switch (kind) {
    case ColumnKind::Integer:
    case ColumnKind::SmallInteger:
        return value.toLongLong();
    case ColumnKind::Text:
        return value.toString();
    case ColumnKind::Blob:
        return value.typeId() == QMetaType::QByteArray ? value : QVariant(value.toString().toUtf8());
    }
    return value;
}

Result<Rows> readSqlite(ReadOnlyDatabase &db, const QString &sql, qsizetype columns)
{
    Rows rows;
    auto read = db.select(sql, {}, [&](const QSqlQuery &query) {
        QVariantList row;
        row.reserve(columns);
        for (int i = 0; i < columns; ++i)
            row << query.value(i);
        rows << row;
    });
    if (!read)
        return read.error();
    return rows;
}

// One PostgreSQL statement prepared once and run for many rows.
class PgStatement
{
public:
    PgStatement(PgDatabase &database, QSqlDatabase &db, QString sql)
        : m_database(database), m_db(db), m_query(db), m_sql(std::move(sql))
    {
        m_query.setForwardOnly(true);
        m_prepared = m_query.prepare(m_sql);
    }
    Result<void> run(const QVariantList &values)
    {
        if (!m_prepared)
            return m_database.failure(m_db, m_query.lastError(), u"preparing "_s + m_sql.left(60));
        for (const QVariant &value : values)
            m_query.addBindValue(value);
        if (!m_query.exec())
            return m_database.failure(m_db, m_query.lastError(), m_sql.left(60));
        return {};
    }
    // The rows of the last run().
    Result<Rows> rows(qsizetype columns)
    {
        Rows rows;
        while (m_query.next()) {
            QVariantList row;
            row.reserve(columns);
            for (int i = 0; i < columns; ++i)
                row << m_query.value(i);
            rows << row;
        }
        if (m_query.lastError().isValid())
            return m_database.failure(m_db, m_query.lastError(), m_sql.left(60));
        return rows;
    }

private:
    PgDatabase &m_database;
    QSqlDatabase &m_db;
    QSqlQuery m_query;
    QString m_sql;
    bool m_prepared = false;
};

// Inserts `rows` with many rows per statement: with one round trip per row,
// migrating 20 users of 5,000 notes and cards took 24 s on the CI machine
// kind; with up to 500 rows per statement 7.6 s, digests included.
Result<void> insertBatched(
    PgDatabase &database, QSqlDatabase &db, const QString &table, const QString &columns, const Rows &rows)
{
    if (rows.isEmpty())
        return {};
    const qsizetype width = rows.first().size();
    // PostgreSQL takes at most 65,535 parameters per statement.
    const qsizetype perStatement = std::clamp<qsizetype>(65535 / width, 1, 500);
    const QString tuple = u'(' + placeholders(width) + u')';
    auto statementFor = [&](qsizetype count) {
        return u"INSERT INTO %1 (%2) VALUES %3"_s.arg(
            table, columns, QStringList(count, tuple).join(u", "_s));
    };
    std::optional<PgStatement> full;
    for (qsizetype start = 0; start < rows.size(); start += perStatement) {
        const qsizetype count = std::min(perStatement, rows.size() - start);
        QVariantList values;
        values.reserve(count * width);
        for (qsizetype r = start; r < start + count; ++r)
            values << rows[r];
        if (count == perStatement) {
            if (!full)
                full.emplace(database, db, statementFor(count));
            if (auto done = full->run(values); !done)
                return done;
        } else {
            PgStatement rest(database, db, statementFor(count));
            if (auto done = rest.run(values); !done)
                return done;
        }
    }
    return {};
}

// One user's collection with its digest, as read from either backend.
struct SourceCollection
{
    QList<Rows> tables; // in collectionTables() order
    CollectionDigest digest;
};

Result<SourceCollection> readSqliteCollection(const QString &path)
{
    ReadOnlyDatabase db(path);
    if (auto opened = db.open(); !opened)
        return opened.error();
    if (auto begun = db.beginRead(); !begun) // one snapshot for every table
        return begun.error();
    SourceCollection source;
    for (const CollectionTable &table : collectionTables()) {
        source.digest.beginTable(table);
        Rows rows;
        bool exists = true;
        if (table.javumbosOwn) {
            auto found = readSqlite(db,
                u"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '%1'"_s.arg(table.name),
                1);
            if (!found)
                return found.error();
            exists = found->first().first().toInt() > 0;
        }
        if (exists) {
            auto read = readSqlite(db,
                u"SELECT %1 FROM %2 ORDER BY %3"_s.arg(table.columnList(), table.name, table.orderBy()),
                table.columns.size());
            if (!read)
                return read.error();
            rows = std::move(read.value());
        }
        for (const QVariantList &row : std::as_const(rows))
            source.digest.addRow(row);
        source.tables << rows;
    }
    db.endRead();
    return source;
}

// What PostgreSQL holds for `userId`, with its digest.
Result<SourceCollection> readPgCollection(PgDatabase &database, QSqlDatabase &db, qint64 userId)
{
    SourceCollection collection;
    for (const CollectionTable &table : collectionTables()) {
        PgStatement select(database, db,
            u"SELECT %1 FROM %2 WHERE user_id = ? ORDER BY %3"_s.arg(
                table.columnList(), table.name, table.orderBy()));
        if (auto run = select.run({userId}); !run)
            return run.error();
        auto rows = select.rows(table.columns.size());
        if (!rows)
            return rows.error();
        collection.digest.beginTable(table);
        for (const QVariantList &row : std::as_const(rows.value()))
            collection.digest.addRow(row);
        collection.tables << rows.value();
    }
    return collection;
}

Result<CollectionDigest> targetDigest(PgDatabase &database, QSqlDatabase &db, qint64 userId)
{
    auto collection = readPgCollection(database, db, userId);
    if (!collection)
        return collection.error();
    return std::move(collection.value().digest);
}

Error digestMismatch(const CollectionDigest &source, const CollectionDigest &target, const QString &where)
{
    QStringList counts;
    for (auto it = source.rowCounts().begin(); it != source.rowCounts().end(); ++it)
        counts << u"%1 %2/%3"_s.arg(it.key()).arg(it.value()).arg(target.rowCounts().value(it.key()));
    return makeError(ErrorCode::Internal,
        u"what %1 holds after the copy differs from the source (rows source/target: %2); "
        "nothing of this user was committed"_s.arg(where, counts.join(u", "_s)));
}

// Copies one user's collection in one transaction, verified before it commits.
Result<bool> copyCollection(
    PgDatabase &database, QSqlDatabase &db, qint64 userId, const QString &path, MigrationReport &report)
{
    auto source = readSqliteCollection(path);
    if (!source)
        return source.error();
    auto before = targetDigest(database, db, userId);
    if (!before)
        return before.error();
    if (before->hex() == source->digest.hex())
        return false;

    PgTransaction transaction(database, db);
    if (!transaction.isActive())
        return transaction.error();
    // A server on PostgreSQL would wait for this user, not interleave.
    if (auto locked = postgres::lockUserForWrite(database, db, userId, kLockBound); !locked)
        return locked.error();
    const QList<CollectionTable> &tables = collectionTables();
    for (qsizetype t = 0; t < tables.size(); ++t) {
        const CollectionTable &table = tables[t];
        PgStatement clear(database, db, u"DELETE FROM %1 WHERE user_id = ?"_s.arg(table.name));
        if (auto cleared = clear.run({userId}); !cleared)
            return cleared.error();
        Rows rows;
        rows.reserve(source->tables[t].size());
        for (const QVariantList &row : std::as_const(source->tables[t])) {
            QVariantList values {userId};
            for (qsizetype c = 0; c < row.size(); ++c)
                values << asKind(row[c], table.columns[c].kind);
            rows << values;
        }
        if (auto inserted
            = insertBatched(database, db, table.name, u"user_id, "_s + table.columnList(), rows);
            !inserted)
            return Error {inserted.error().code, u"table %1: %2"_s.arg(table.name, inserted.error().message)};
    }
    auto after = targetDigest(database, db, userId);
    if (!after)
        return after.error();
    if (after->hex() != source->digest.hex())
        return digestMismatch(source->digest, after.value(), u"PostgreSQL"_s);
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    for (auto it = source->digest.rowCounts().begin(); it != source->digest.rowCounts().end(); ++it)
        report.rows[it.key()] += it.value();
    return true;
}

// A migration merges nothing: every account the target already holds must be
// the source's (same id, same username). `target` and `source` name them.
Result<void> refuseForeignAccounts(
    const Rows &sourceAccounts, const Rows &targetAccounts, const QString &target, const QString &source)
{
    QHash<qint64, QString> sourceKeys;
    for (const QVariantList &account : sourceAccounts)
        sourceKeys.insert(account[0].toLongLong(), account[2].toString());
    for (const QVariantList &account : targetAccounts) { // id, username_key
        const qint64 id = account[0].toLongLong();
        if (sourceKeys.value(id) != account[1].toString())
            return makeError(ErrorCode::BadRequest,
                u"%1 already holds account \"%2\" (id %3), which is not in %4: migrate into an empty target "
                "(a migration merges nothing)"_s.arg(target, account[1].toString())
                    .arg(id)
                    .arg(source));
    }
    return {};
}

// Accounts, sessions and Idempotency-Keys in one transaction. Accounts keep
// their ids (collections are keyed by them); a target account that is not
// the source's refuses the migration.
Result<void> copySharedTables(PgDatabase &database, QSqlDatabase &db, const QString &dataDir,
    const Rows &accounts, MigrationReport &report)
{
    Rows sessions;
    Rows keys;
    {
        ReadOnlyDatabase admin(QDir(dataDir).filePath(u"admin.db"_s));
        if (auto opened = admin.open(); !opened)
            return opened.error();
        auto read = readSqlite(
            admin, u"SELECT %1 FROM sessions"_s.arg(kSessionColumns.join(u", "_s)), kSessionColumns.size());
        if (!read)
            return read.error();
        sessions = read.value();
    }
    const QString idempotencyPath = QDir(dataDir).filePath(u"idempotency.db"_s);
    if (QFileInfo::exists(idempotencyPath)) {
        ReadOnlyDatabase idempotency(idempotencyPath);
        if (auto opened = idempotency.open(); !opened)
            return opened.error();
        auto read
            = readSqlite(idempotency, u"SELECT %1 FROM idempotency"_s.arg(kIdempotencyColumns.join(u", "_s)),
                kIdempotencyColumns.size());
        if (!read)
            return read.error();
        keys = read.value();
    }

    PgTransaction transaction(database, db);
    if (!transaction.isActive())
        return transaction.error();
    // A server still running on the database could hold these rows: wait for
    // it as long as for a user's lock (copyCollection), then say so.
    if (auto bounded = database.execute(db, u"SET LOCAL lock_timeout = %1"_s.arg(kLockBound.count()));
        !bounded)
        return bounded;
    PgStatement existing(database, db, u"SELECT id, username_key FROM accounts"_s);
    if (auto run = existing.run({}); !run)
        return run;
    auto present = existing.rows(2);
    if (!present)
        return present.error();
    if (auto foreign = refuseForeignAccounts(
            accounts, present.value(), u"PostgreSQL at "_s + database.target().describe(), dataDir);
        !foreign)
        return foreign;
    QStringList updates;
    for (const QString &column : kAccountColumns.mid(1))
        updates << column + u" = EXCLUDED."_s + column;
    PgStatement upsert(database, db,
        u"INSERT INTO accounts (%1) VALUES (%2) ON CONFLICT (id) DO UPDATE SET %3"_s.arg(
            kAccountColumns.join(u", "_s), placeholders(kAccountColumns.size()), updates.join(u", "_s)));
    for (const QVariantList &account : accounts) {
        if (auto done = upsert.run(account); !done)
            return done;
    }
    // New accounts continue after the highest id, as AUTOINCREMENT did.
    if (auto done = database.execute(db,
            u"SELECT setval(pg_get_serial_sequence('accounts', 'id'), GREATEST((SELECT max(id) FROM accounts), 1))"_s);
        !done)
        return done;
    // Sessions and keys: the source's exactly (one logged out since a first run must be gone).
    const std::pair<QString, const QStringList *> copies[]
        = {{u"sessions"_s, &kSessionColumns}, {u"idempotency"_s, &kIdempotencyColumns}};
    for (const auto &[table, columns] : copies) {
        if (auto cleared = database.execute(db, u"DELETE FROM "_s + table); !cleared)
            return cleared;
        if (auto done = insertBatched(
                database, db, table, columns->join(u", "_s), table == "sessions"_L1 ? sessions : keys);
            !done)
            return done;
    }
    if (auto committed = transaction.commit(); !committed)
        return committed;
    report.accounts = int(accounts.size());
    report.sessions = int(sessions.size());
    report.idempotencyKeys = int(keys.size());
    return {};
}

// --- From PostgreSQL into a data directory ---------------------------------

Result<Rows> readPgTable(PgDatabase &database, QSqlDatabase &db, const QString &table,
    const QStringList &columns, const QString &order = {})
{
    PgStatement select(database, db,
        u"SELECT %1 FROM %2%3"_s.arg(
            columns.join(u", "_s), table, order.isEmpty() ? QString() : u" ORDER BY "_s + order));
    if (auto run = select.run({}); !run)
        return run.error();
    return select.rows(columns.size());
}

// Runs `sql` once per row on a SQLite connection.
Result<void> insertRows(storage::Connection &connection, const QString &sql, const Rows &rows)
{
    for (const QVariantList &row : rows) {
        storage::Query insert(connection, sql);
        for (const QVariant &value : row)
            insert.bind(value);
        if (auto done = insert.exec(); !done)
            return done;
    }
    return {};
}

QString sqliteInsert(const QString &table, const QStringList &columns, const QString &verb = u"INSERT"_s)
{
    return u"%1 INTO %2 (%3) VALUES (%4)"_s.arg(
        verb, table, columns.join(u", "_s), placeholders(columns.size()));
}

// Every row of `table` becomes `rows`: what the source holds exactly.
Result<void> replaceRows(
    storage::Connection &connection, const QString &table, const QStringList &columns, const Rows &rows)
{
    if (auto cleared = connection.execute(u"DELETE FROM "_s + table); !cleared)
        return cleared;
    return insertRows(connection, sqliteInsert(table, columns), rows);
}

// The rows of a statement on a SQLite connection of the storage layer.
Result<Rows> readSqliteRows(storage::Connection &connection, const QString &sql, qsizetype columns)
{
    storage::Query query(connection, sql, storage::Query::Caching::Uncached);
    if (auto run = query.exec(); !run)
        return run.error();
    Rows rows;
    while (query.next()) {
        QVariantList row;
        for (int i = 0; i < columns; ++i)
            row << query.value(i);
        rows << row;
    }
    return rows;
}

// Accounts (with their ids), sessions and Idempotency-Keys into admin.db and
// idempotency.db; an admin.db account that is not the source's refuses.
Result<void> writeSharedFiles(PgDatabase &database, QSqlDatabase &db, const QString &dataDir,
    const Rows &accounts, MigrationReport &report)
{
    auto sessions = readPgTable(database, db, u"sessions"_s, kSessionColumns);
    if (!sessions)
        return sessions.error();
    auto keys = readPgTable(database, db, u"idempotency"_s, kIdempotencyColumns);
    if (!keys)
        return keys.error();

    const QString adminPath = QDir(dataDir).filePath(u"admin.db"_s);
    {
        auto admin = openAdminDatabase(adminPath, storage::OpenMode::CreateIfMissing);
        if (!admin)
            return admin.error();
        auto present = readSqliteRows(*admin.value(), u"SELECT id, username_key FROM accounts"_s, 2);
        if (!present)
            return present.error();
        if (auto foreign = refuseForeignAccounts(
                accounts, present.value(), adminPath, u"PostgreSQL at "_s + database.target().describe());
            !foreign)
            return foreign;
        storage::Transaction transaction(*admin.value());
        if (!transaction.isActive())
            return transaction.error();
        // REPLACE by id: the accounts are the same ones (checked above).
        if (auto done = insertRows(*admin.value(),
                sqliteInsert(u"accounts"_s, kAccountColumns, u"INSERT OR REPLACE"_s), accounts);
            !done)
            return done;
        if (auto done = replaceRows(*admin.value(), u"sessions"_s, kSessionColumns, sessions.value()); !done)
            return done;
        if (auto committed = transaction.commit(); !committed)
            return committed;
    }
    storage::Database::closeOnThisThread(adminPath);

    const QString keysPath = QDir(dataDir).filePath(u"idempotency.db"_s);
    {
        auto file = storage::Database::open(
            keysPath, storage::OpenMode::CreateIfMissing, &IdempotencyStore::createSchema);
        if (!file)
            return file.error();
        storage::Transaction transaction(*file.value());
        if (!transaction.isActive())
            return transaction.error();
        if (auto done = replaceRows(*file.value(), u"idempotency"_s, kIdempotencyColumns, keys.value());
            !done)
            return done;
        if (auto committed = transaction.commit(); !committed)
            return committed;
    }
    storage::Database::closeOnThisThread(keysPath);
    report.accounts = int(accounts.size());
    report.sessions = int(sessions->size());
    report.idempotencyKeys = int(keys->size());
    return {};
}

// One user's collection file, written beside `path`, verified, renamed into place.
Result<void> writeCollectionFile(const SourceCollection &collection, const QString &path)
{
    const QString partial = path + u".migrating"_s;
    auto removePartial = [&] {
        storage::Database::closeOnThisThread(partial);
        for (const QString &suffix : {QString(), u"-wal"_s, u"-shm"_s, u"-journal"_s})
            QFile::remove(partial + suffix);
        storage::FileWatch::instance().forget(QFileInfo(partial).absoluteFilePath());
    };
    removePartial();
    auto fill = [&]() -> Result<void> {
        if (auto created = storage::collectionschema::createFile(partial, 0, 0); !created)
            return created;
        auto opened = storage::Database::open(
            partial, storage::OpenMode::ReadWrite, &storage::collectionschema::verify);
        if (!opened)
            return opened.error();
        storage::Connection &connection = *opened.value();
        storage::Transaction transaction(connection);
        if (!transaction.isActive())
            return transaction.error();
        const QList<CollectionTable> &tables = collectionTables();
        for (qsizetype t = 0; t < tables.size(); ++t) {
            const CollectionTable &table = tables[t];
            const Rows &rows = collection.tables[t];
            if (table.javumbosOwn && rows.isEmpty())
                continue; // made on first use, as the collection code does
            const QString clear
                = table.javumbosOwn ? postgres::sqliteCreateStatement(table) : u"DELETE FROM "_s + table.name;
            if (auto done = connection.execute(clear); !done)
                return done;
            Rows typed;
            typed.reserve(rows.size());
            for (const QVariantList &row : rows) {
                QVariantList values;
                for (qsizetype c = 0; c < row.size(); ++c)
                    values << asKind(row[c], table.columns[c].kind);
                typed << values;
            }
            QStringList names;
            for (const auto &column : table.columns)
                names << postgres::sqlIdentifier(column.name);
            if (auto done = insertRows(connection, sqliteInsert(table.name, names), typed); !done)
                return Error {done.code(), u"table %1: %2"_s.arg(table.name, done.error().message)};
        }
        return transaction.commit();
    };
    if (auto filled = fill(); !filled) {
        removePartial();
        return filled;
    }
    // Closing the last connection folds the WAL into the file: it is complete on its own.
    storage::Database::closeOnThisThread(partial);
    auto written = readSqliteCollection(partial);
    if (!written || written->digest.hex() != collection.digest.hex()) {
        const Error error
            = written ? digestMismatch(collection.digest, written->digest, partial) : written.error();
        removePartial();
        return error;
    }
    storage::Database::closeOnThisThread(path);
    for (const QString &suffix : {QString(), u"-wal"_s, u"-shm"_s, u"-journal"_s})
        QFile::remove(path + suffix);
    storage::FileWatch::instance().forget(QFileInfo(path).absoluteFilePath());
    storage::FileWatch::instance().forget(QFileInfo(partial).absoluteFilePath());
    if (!QFile::rename(partial, path)) { // a new file under the name: not one replaced behind our back
        removePartial();
        return makeError(
            ErrorCode::StorageUnavailable, u"cannot move the collection into place at %1"_s.arg(path));
    }
    return {};
}

} // namespace

Result<void> PgMigration::copyCollectionToFile(PgDatabase &source, qint64 userId, const QString &path)
{
    auto db = source.connection();
    if (!db)
        return db.error();
    // Inside a write (a backup before a collection is replaced) the reads join
    // the transaction that holds the user's lock: a snapshot of its own would
    // BEGIN on the same link, and its COMMIT would commit the write's batch.
    std::optional<PgTransaction> snapshot;
    if (!source.inTransactionOnThisThread()) {
        snapshot.emplace(source, db.value(), u"BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"_s);
        if (!snapshot->isActive())
            return snapshot->error();
    }
    auto collection = readPgCollection(source, db.value(), userId);
    if (!collection)
        return collection.error();
    if (snapshot) {
        if (auto committed = snapshot->commit(); !committed)
            return committed;
    }
    return writeCollectionFile(collection.value(), path);
}

Result<MigrationReport> PgMigration::fromPostgres(
    PgDatabase &source, const QString &dataDir, const Progress &progress)
{
    auto say = [&](const QString &line) {
        if (progress)
            progress(line);
    };
    auto db = source.connection();
    if (!db)
        return db.error();
    auto version = postgres::pgSchemaVersion(source, db.value());
    if (!version)
        return version.error();
    if (version.value() != postgres::kPgSchemaVersion)
        return makeError(ErrorCode::StorageCorrupt,
            u"PostgreSQL at %1 holds Javumbo schema version %2; this Javumbo reads version %3"_s
                .arg(source.target().describe())
                .arg(version.value())
                .arg(postgres::kPgSchemaVersion));
    if (!QDir().mkpath(QDir(dataDir).filePath(u"user_dbs"_s)))
        return makeError(ErrorCode::StorageUnavailable, u"cannot create %1/user_dbs"_s.arg(dataDir));
    // Every read of the run in one snapshot: accounts, sessions and collections
    // as of one moment, even if an instance were still writing.
    PgTransaction snapshot(source, db.value(), u"BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"_s);
    if (!snapshot.isActive())
        return snapshot.error();

    auto accounts = readPgTable(source, db.value(), u"accounts"_s, kAccountColumns, u"id"_s);
    if (!accounts)
        return accounts.error();
    MigrationReport report;
    if (auto written = writeSharedFiles(source, db.value(), dataDir, accounts.value(), report); !written)
        return written.error();
    say(u"accounts: %1, sessions: %2, Idempotency-Keys: %3"_s.arg(report.accounts)
            .arg(report.sessions)
            .arg(report.idempotencyKeys));

    // Media files: rows of `media` (in the snapshot) into the folder beside each collection file.
    const storage::PgCollections collections(source);
    const auto copyMedia = [&](qint64 userId, const QString &path) -> Result<void> {
        const QString folder = interop::mediafolder::forCollection(path);
        const auto from = interop::MediaStore::forCollection(collections.locator(userId), {});
        const auto to = interop::MediaStore::forCollection(path, folder);
        auto copied = interop::copyMissingMedia(*from, *to, folder);
        if (!copied)
            return copied.error();
        report.mediaFiles += int(copied.value());
        if (auto names = to->names(); names && names->isEmpty())
            QDir().rmdir(folder); // made for staging only
        return {};
    };
    for (const QVariantList &account : std::as_const(accounts.value())) {
        const qint64 userId = account[0].toLongLong();
        const QString name = account[1].toString();
        auto collection = readPgCollection(source, db.value(), userId);
        if (!collection)
            return Error {
                collection.code(), u"user %1 (%2): %3"_s.arg(userId).arg(name, collection.error().message)};
        if (collection->digest.rowCounts().value(u"col"_s) == 0) {
            ++report.usersWithoutCollection;
            continue;
        }
        const QString path = QDir(dataDir).filePath(u"user_dbs/user_%1.db"_s.arg(userId));
        if (QFileInfo::exists(path)) {
            auto existing = readSqliteCollection(path);
            if (existing && existing->digest.hex() == collection->digest.hex()) {
                if (auto media = copyMedia(userId, path); !media)
                    return Error {
                        media.code(), u"user %1 (%2): %3"_s.arg(userId).arg(name, media.error().message)};
                ++report.usersAlreadyCopied;
                say(u"user %1 (%2): already copied"_s.arg(userId).arg(name));
                continue;
            }
        }
        if (auto written = writeCollectionFile(collection.value(), path); !written)
            return Error {
                written.code(), u"user %1 (%2): %3"_s.arg(userId).arg(name, written.error().message)};
        if (auto media = copyMedia(userId, path); !media)
            return Error {media.code(), u"user %1 (%2): %3"_s.arg(userId).arg(name, media.error().message)};
        ++report.usersCopied;
        for (auto it = collection->digest.rowCounts().begin(); it != collection->digest.rowCounts().end();
             ++it)
            report.rows[it.key()] += it.value();
        say(u"user %1 (%2): copied and verified"_s.arg(userId).arg(name));
    }
    return report;
}

Result<MigrationReport> PgMigration::toPostgres(
    const QString &dataDir, PgDatabase &target, const Progress &progress)
{
    auto say = [&](const QString &line) {
        if (progress)
            progress(line);
    };
    if (auto checked = target.checkServer(); !checked)
        return checked.error();
    if (auto prepared = postgres::preparePgSchema(target); !prepared)
        return prepared.error();
    auto db = target.connection();
    if (!db)
        return db.error();

    Rows accounts;
    {
        ReadOnlyDatabase admin(QDir(dataDir).filePath(u"admin.db"_s));
        if (auto opened = admin.open(); !opened)
            return opened.error();
        auto read
            = readSqlite(admin, u"SELECT %1 FROM accounts ORDER BY id"_s.arg(kAccountColumns.join(u", "_s)),
                kAccountColumns.size());
        if (!read)
            return read.error();
        accounts = read.value();
    }
    MigrationReport report;
    if (auto copied = copySharedTables(target, db.value(), dataDir, accounts, report); !copied)
        return copied.error();
    say(u"accounts: %1, sessions: %2, Idempotency-Keys: %3"_s.arg(report.accounts)
            .arg(report.sessions)
            .arg(report.idempotencyKeys));

    // Media files: the folder beside each collection file into rows of `media`.
    const storage::PgCollections collections(target);
    QTemporaryDir scratch;
    if (!scratch.isValid())
        return makeError(ErrorCode::StorageUnavailable, u"cannot make a scratch directory for media files"_s);
    for (const QVariantList &account : std::as_const(accounts)) {
        const qint64 userId = account[0].toLongLong();
        const QString path = QDir(dataDir).filePath(u"user_dbs/user_%1.db"_s.arg(userId));
        if (!QFileInfo::exists(path)) {
            ++report.usersWithoutCollection;
            continue;
        }
        auto copied = copyCollection(target, db.value(), userId, path, report);
        if (!copied)
            return Error {copied.code(),
                u"user %1 (%2): %3"_s.arg(userId).arg(account[1].toString(), copied.error().message)};
        const auto from = interop::MediaStore::forCollection(path, interop::mediafolder::forCollection(path));
        const auto to = interop::MediaStore::forCollection(collections.locator(userId), {});
        auto media = interop::copyMissingMedia(*from, *to, scratch.path());
        if (!media)
            return Error {media.code(),
                u"user %1 (%2): %3"_s.arg(userId).arg(account[1].toString(), media.error().message)};
        report.mediaFiles += int(media.value());
        if (copied.value())
            ++report.usersCopied;
        else
            ++report.usersAlreadyCopied;
        say(u"user %1 (%2): %3"_s.arg(userId).arg(
            account[1].toString(), copied.value() ? u"copied and verified"_s : u"already copied"_s));
    }
    return report;
}

} // namespace javumbo
