#include "connection.h"

#include "connectioncache.h"
#include "postgres/pgdatabase.h"
#include "sqliteerror.h"
#include "usermarkers.h"

#include <QSqlDriver>
#include <QSqlError>

#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace javumbo::storage {

namespace {

sqlite3 *handleOf(const QSqlDatabase &database)
{
    // Qt's SQLite driver hands out its sqlite3* as a QVariant named "sqlite3*".
    const QVariant handle = database.driver() ? database.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.data());
}

} // namespace

Connection::Connection(QString name, QString path, QSqlDatabase database, ConnectionCache &owner)
    : m_name(std::move(name))
    , m_path(std::move(path))
    , m_database(std::move(database))
    , m_handle(handleOf(m_database))
    , m_owner(&owner)
{ }

Connection::Connection(QString locator, postgres::PgDatabase &database, qint64 userId)
    : m_name(locator), m_path(std::move(locator)), m_pg(&database), m_userId(userId)
{ }

Result<sqlite3_stmt *> Connection::prepared(const QString &sql)
{
    return m_owner->statement(*this, sql);
}

Result<void> Connection::execute(const QString &sql)
{
    if (m_pg) {
        // The link first: finding it broken starts a new generation, which
        // the check then tells apart from the open transaction's.
        auto db = m_pg->connection();
        if (auto same = checkPgTransaction(); !same)
            return same;
        if (!db)
            return db.error();
        return m_pg->execute(db.value(), sql);
    }
    QSqlQuery query(database());
    if (!query.exec(sql))
        return storageError(query.lastError(), sql.left(80));
    return {};
}

void Connection::preventCheckpointOnClose()
{
    if (sqlite3 *db = m_handle)
        sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
}

int Connection::lastExtendedErrorCode() const
{
    sqlite3 *db = m_handle;
    return db ? sqlite3_extended_errcode(db) : 0;
}

bool Connection::inTransaction() const
{
    if (m_pg)
        return m_pg->inTransactionOnThisThread();
    sqlite3 *db = m_handle;
    return db && sqlite3_get_autocommit(db) == 0;
}

void Connection::setInPgTransaction(bool open)
{
    if (m_pg)
        m_pg->noteTransactionOnThisThread(open);
}

Result<void> Connection::checkPgTransaction() const
{
    if (m_pg && m_pg->transactionLinkLost())
        return makeError(ErrorCode::StorageUnavailable,
            u"the connection to PostgreSQL was lost during a transaction on %1; nothing of it was committed"_s
                .arg(m_path));
    return {};
}

std::optional<std::pair<qint64, qint64>> Connection::versionMark()
{
    sqlite3 *db = m_handle;
    if (!db)
        return std::nullopt;
    Query version(*this, u"PRAGMA data_version"_s);
    auto value = version.scalar();
    if (!value || !value.value())
        return std::nullopt;
    return std::pair {value.value()->toLongLong(), qint64(sqlite3_total_changes64(db))};
}

void Connection::remember(std::any value)
{
    const auto mark = versionMark();
    if (!mark) {
        m_remembered.reset();
        return;
    }
    m_remembered = Remembered {std::move(value), mark->first, mark->second};
}

const std::any *Connection::remembered()
{
    if (!m_remembered)
        return nullptr;
    const auto mark = versionMark();
    if (!mark || mark->first != m_remembered->dataVersion || mark->second != m_remembered->totalChanges) {
        m_remembered.reset();
        return nullptr;
    }
    return &m_remembered->value;
}

Query::Query(Connection &connection, const QString &sql, Caching caching)
    : m_sql(sql), m_db(connection.handle())
{
    if (connection.engine() == Engine::Postgres) {
        preparePostgres(connection, caching);
        return;
    }
    if (caching == Caching::Cached) {
        auto prepared = connection.prepared(sql); // the cache drops the markers on a miss
        if (prepared)
            m_statement = prepared.value();
        else
            m_prepareError = prepared.error();
        return;
    }
    const QString plain = hasUserMarkers(sql) ? applyUserMarkers(sql, UserFilter::Dropped).sql : sql;
    const int code = m_db ? sqlite3_prepare16_v2(
                         m_db, plain.utf16(), int(plain.size() * sizeof(char16_t)), &m_statement, nullptr)
                          : SQLITE_MISUSE;
    if (code != SQLITE_OK || !m_statement) {
        m_prepareError = storageError(
            sqliteError(m_db, code, u"Unable to execute statement"_s, QSqlError::StatementError),
            u"prepare "_s % sql.left(80));
        sqlite3_finalize(m_statement);
        m_statement = nullptr;
        return;
    }
    m_owned = true;
}

Query::~Query()
{
    if (m_pgQuery) {
        m_pgQuery->finish(); // a cached statement is reused by the next Query
        return;
    }
    if (!m_statement)
        return;
    if (m_owned)
        sqlite3_finalize(m_statement);
    else
        sqlite3_reset(m_statement); // ends its read transaction; the bindings are replaced by the next exec
}

Query &Query::bind(const QVariant &value)
{
    // Qt binds a null QString as SQL NULL; every text column of ours is NOT
    // NULL and means "" there.
    const bool nullText = value.typeId() == QMetaType::QString && value.toString().isNull();
    m_bindings.append(nullText ? QVariant(u""_s) : value);
    return *this;
}

namespace {

int bindValue(sqlite3_stmt *statement, int index, const QVariant &value)
{
    if (value.isNull())
        return sqlite3_bind_null(statement, index);
    switch (value.typeId()) {
    case QMetaType::Bool:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Long:
    case QMetaType::ULong:
    case QMetaType::Short:
    case QMetaType::UShort:
    case QMetaType::Char:
    case QMetaType::SChar:
    case QMetaType::UChar:
        return sqlite3_bind_int64(statement, index, value.toLongLong());
    case QMetaType::Double:
    case QMetaType::Float:
        return sqlite3_bind_double(statement, index, value.toDouble());
    case QMetaType::QByteArray: {
        const QByteArray bytes = value.toByteArray();
        return sqlite3_bind_blob(statement, index, bytes.constData(), int(bytes.size()), SQLITE_TRANSIENT);
    }
    default: {
        const QString text = value.toString(); // as Qt's driver binds every other type
        return sqlite3_bind_text16(
            statement, index, text.utf16(), int(text.size() * sizeof(char16_t)), SQLITE_TRANSIENT);
    }
    }
}

} // namespace

Result<void> Query::exec()
{
    if (m_pgConnection)
        return execPostgres();
    if (!m_statement)
        return m_prepareError;
    const QVarLengthArray<QVariant, 12> bindings = std::move(m_bindings);
    m_bindings.clear();
    sqlite3_reset(m_statement);
    m_rowPending = false;
    m_done = true;
    m_lastInsertId.reset();
    if (bindings.size() != sqlite3_bind_parameter_count(m_statement)) {
        m_error = QSqlError(u"Parameter count mismatch"_s, QString(), QSqlError::StatementError);
        return storageError(m_error, m_sql.left(80));
    }
    for (qsizetype i = 0; i < bindings.size(); ++i) {
        if (const int code = bindValue(m_statement, int(i + 1), bindings[i]); code != SQLITE_OK) {
            m_error = sqliteError(m_db, code, u"Unable to bind parameters"_s, QSqlError::StatementError);
            return storageError(m_error, m_sql.left(80));
        }
    }
    const int code = sqlite3_step(m_statement);
    if (code != SQLITE_ROW && code != SQLITE_DONE) {
        m_error = sqliteError(m_db, code, u"Unable to fetch row"_s, QSqlError::ConnectionError);
        sqlite3_reset(m_statement);
        return storageError(m_error, m_sql.left(80));
    }
    m_rowPending = code == SQLITE_ROW;
    m_done = code == SQLITE_DONE;
    m_rowsAffected = sqlite3_changes(m_db);
    if (const qint64 id = sqlite3_last_insert_rowid(m_db); id != 0)
        m_lastInsertId = id;
    m_error = QSqlError();
    return {};
}

bool Query::next()
{
    if (m_pgQuery)
        return m_pgQuery->isActive() && m_pgQuery->next();
    if (m_rowPending) {
        m_rowPending = false;
        return true;
    }
    if (m_done || !m_statement)
        return false;
    const int code = sqlite3_step(m_statement);
    if (code == SQLITE_ROW)
        return true;
    m_done = true;
    if (code != SQLITE_DONE)
        m_error = sqliteError(m_db, code, u"Unable to fetch row"_s, QSqlError::ConnectionError);
    return false;
}

QVariant Query::value(int column) const
{
    if (m_pgQuery)
        return pgValue(m_pgQuery->value(column));
    switch (sqlite3_column_type(m_statement, column)) {
    case SQLITE_INTEGER:
        return QVariant(qlonglong(sqlite3_column_int64(m_statement, column)));
    case SQLITE_FLOAT:
        return QVariant(sqlite3_column_double(m_statement, column));
    case SQLITE_TEXT:
        return QVariant(text(column));
    case SQLITE_BLOB: {
        const void *bytes = sqlite3_column_blob(m_statement, column);
        return QVariant(
            QByteArray(static_cast<const char *>(bytes), sqlite3_column_bytes(m_statement, column)));
    }
    default:
        return QVariant();
    }
}

qint64 Query::int64(int column) const
{
    if (m_pgQuery)
        return m_pgQuery->value(column).toLongLong();
    if (sqlite3_column_type(m_statement, column) == SQLITE_TEXT)
        return text(column).toLongLong(); // as QVariant(QString).toLongLong() did
    return sqlite3_column_int64(m_statement, column);
}

QString Query::text(int column) const
{
    if (m_pgQuery) {
        const QVariant value = m_pgQuery->value(column);
        return value.isNull() ? QString() : value.toString();
    }
    const int type = sqlite3_column_type(m_statement, column);
    if (type == SQLITE_NULL)
        return QString();
    if (type == SQLITE_INTEGER)
        return QString::number(sqlite3_column_int64(m_statement, column));
    if (type == SQLITE_FLOAT)
        return QVariant(sqlite3_column_double(m_statement, column)).toString();
    const void *text = sqlite3_column_text16(m_statement, column);
    const int bytes = sqlite3_column_bytes16(m_statement, column);
    return QString(static_cast<const QChar *>(text), bytes / int(sizeof(QChar)));
}

Result<std::optional<QVariant>> Query::scalar()
{
    if (auto executed = exec(); !executed)
        return executed.error();
    if (!next())
        return std::optional<QVariant> {};
    return std::optional<QVariant> {value(0)};
}

} // namespace javumbo::storage
