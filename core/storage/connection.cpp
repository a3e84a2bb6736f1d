#include "connection.h"

#include "connectioncache.h"
#include "sqliteerror.h"

#include <QSqlDriver>
#include <QSqlError>

#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace javumbo::storage {

Connection::Connection(QString name, QString path, QSqlDatabase database, ConnectionCache &owner)
    : m_name(std::move(name)), m_path(std::move(path)), m_database(std::move(database)), m_owner(owner)
{ }

Result<QSqlQuery *> Connection::prepared(const QString &sql)
{
    return m_owner.statement(*this, sql);
}

Result<void> Connection::execute(const QString &sql)
{
    QSqlQuery query(database());
    if (!query.exec(sql))
        return storageError(query.lastError(), sql.left(80));
    return {};
}

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

void Connection::preventCheckpointOnClose()
{
    if (sqlite3 *db = handleOf(database()))
        sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
}

int Connection::lastExtendedErrorCode() const
{
    sqlite3 *db = handleOf(database());
    return db ? sqlite3_extended_errcode(db) : 0;
}

bool Connection::inTransaction() const
{
    sqlite3 *db = handleOf(database());
    return db && sqlite3_get_autocommit(db) == 0;
}

std::optional<std::pair<qint64, qint64>> Connection::versionMark()
{
    sqlite3 *db = handleOf(database());
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

Query::Query(Connection &connection, const QString &sql, Caching caching) : m_sql(sql)
{
    if (caching == Caching::Uncached) {
        m_owned.emplace(connection.database());
        if (m_owned->prepare(sql)) {
            m_query = &*m_owned;
            m_prepared = true;
        } else {
            m_prepareError = storageError(m_owned->lastError(), u"prepare "_s % sql.left(80));
        }
        return;
    }
    auto prepared = connection.prepared(sql);
    if (prepared) {
        m_query = prepared.value();
        m_prepared = true;
    } else {
        m_prepareError = prepared.error();
    }
}

Query::~Query()
{
    if (m_query)
        m_query->finish();
}

Query &Query::bind(const QVariant &value)
{
    // Qt binds a null QString as SQL NULL; every text column of ours is NOT
    // NULL and means "" there.
    const bool nullText = value.typeId() == QMetaType::QString && value.toString().isNull();
    if (m_query)
        m_query->bindValue(m_nextBind, nullText ? QVariant(u""_s) : value);
    ++m_nextBind;
    return *this;
}

Result<void> Query::exec()
{
    if (!m_prepared)
        return m_prepareError;
    m_nextBind = 0;
    if (!m_query->exec())
        return storageError(m_query->lastError(), m_sql.left(80));
    return {};
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
