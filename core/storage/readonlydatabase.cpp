#include "readonlydatabase.h"

#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>

#include <atomic>

using namespace Qt::StringLiterals;

namespace javumbo::storage {

namespace {

std::atomic<quint64> s_connectionSerial {0};

Error sqlError(const QSqlError &error, const QString &what)
{
    return makeError(ErrorCode::StorageUnavailable, what % u": "_s % error.text());
}

} // namespace

ReadOnlyDatabase::ReadOnlyDatabase(QString path)
    : m_path(std::move(path)), m_name(u"javumbo-readonly-%1"_s.arg(++s_connectionSerial))
{ }

ReadOnlyDatabase::~ReadOnlyDatabase()
{
    if (!m_added)
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_name);
}

Result<void> ReadOnlyDatabase::open()
{
    // Read-only SQLite never creates a file, but say why in our own words.
    if (!QFileInfo(m_path).isFile())
        return makeError(ErrorCode::StorageUnavailable, m_path % u" does not exist"_s);
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
    m_added = true;
    db.setDatabaseName(m_path);
    db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"_s);
    if (!db.open())
        return sqlError(db.lastError(), u"opening "_s % m_path);
    QSqlQuery pragma(db);
    if (!pragma.exec(u"PRAGMA query_only = ON"_s))
        return sqlError(pragma.lastError(), u"query_only on "_s % m_path);
    return {};
}

Result<void> ReadOnlyDatabase::select(
    const QString &sql, const QVariantList &bindings, const std::function<void(const QSqlQuery &)> &row)
{
    QSqlDatabase db = QSqlDatabase::database(m_name, false);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return sqlError(query.lastError(), u"preparing "_s % sql.left(80));
    for (const QVariant &value : bindings)
        query.addBindValue(value);
    if (!query.exec())
        return sqlError(query.lastError(), sql.left(80) % u" on "_s % m_path);
    while (query.next())
        row(query);
    if (query.lastError().isValid())
        return sqlError(query.lastError(), sql.left(80) % u" on "_s % m_path);
    return {};
}

Result<void> ReadOnlyDatabase::beginRead()
{
    QSqlDatabase db = QSqlDatabase::database(m_name, false);
    if (!db.transaction())
        return sqlError(db.lastError(), u"beginning a read of "_s % m_path);
    return {};
}

void ReadOnlyDatabase::endRead()
{
    QSqlDatabase db = QSqlDatabase::database(m_name, false);
    db.commit();
}

} // namespace javumbo::storage
