// storage::Query's PostgreSQL engine (docs/postgresql.md §9): the same calls
// and value types as the SQLite engine in connection.cpp, over Qt's QPSQL
// driver, with the user markers expanded and the user's id bound at each.

#include "connection.h"
#include "postgres/pgdatabase.h"
#include "usermarkers.h"

#include <QSqlQuery>

#include <unordered_map>
#include <utility>

using namespace Qt::StringLiterals;

namespace javumbo::storage {

namespace {

// The expanded text of each fixed statement, made once per thread: the
// statements are few and their text is the key.
const MarkedSql &expandedOnThisThread(const QString &sql)
{
    thread_local std::unordered_map<QString, MarkedSql> expanded;
    auto found = expanded.find(sql);
    if (found == expanded.end())
        found = expanded.emplace(sql, applyUserMarkers(sql, UserFilter::Expanded)).first;
    return found->second;
}

// What PostgreSQL's typed columns need from a value SQLite would take as it is.
QVariant pgBindable(const QVariant &value)
{
    if (value.typeId() == QMetaType::Bool)
        return QVariant(qlonglong(value.toBool())); // our flags are integer columns, as in Anki
    return value;
}

} // namespace

void Query::preparePostgres(Connection &connection, Caching caching)
{
    m_pgConnection = &connection;
    postgres::PgDatabase &pg = *connection.postgres();
    if (caching == Caching::Cached) {
        const MarkedSql &marked = expandedOnThisThread(m_sql);
        m_userSlots = marked.userSlots;
        auto prepared = pg.prepared(marked.sql);
        if (prepared)
            m_pgQuery = prepared.value();
        else
            m_prepareError = prepared.error();
        return;
    }
    MarkedSql marked = applyUserMarkers(m_sql, UserFilter::Expanded);
    m_userSlots = std::move(marked.userSlots);
    auto db = pg.connection();
    if (!db) {
        m_prepareError = db.error();
        return;
    }
    m_pgOwned = std::make_unique<QSqlQuery>(db.value());
    m_pgOwned->setForwardOnly(true);
    m_pgQuery = m_pgOwned.get();
    m_pgDeferredSql = std::move(marked.sql);
}

// An uncached statement (built at run time, used once) that binds nothing but
// the user's id runs as one simple query with the id written in: one round
// trip, where PREPARE, EXECUTE and DEALLOCATE were three, and PostgreSQL plans
// it once either way. A deck summary runs about eight of these (measured with
// log_statement; tests/bench/serverbench.sh, GET /decks). Quoted text is left
// alone; nullopt when the `?` outside quotes are not exactly the user slots.
std::optional<QString> Query::withUserIdWritten() const
{
    const QString id = QString::number(m_pgConnection->userId());
    QString sql;
    sql.reserve(m_pgDeferredSql.size() + 16);
    QChar quote;
    qsizetype filled = 0;
    for (const QChar c : m_pgDeferredSql) {
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
        } else if (c == u'\'' || c == u'"') {
            quote = c;
        } else if (c == u'?') {
            sql += id;
            ++filled;
            continue;
        }
        sql += c;
    }
    if (filled != m_userSlots.size() || m_userSlots.count(false) != 0)
        return std::nullopt;
    return sql;
}

Result<void> Query::prepareDeferred()
{
    const QString sql = std::exchange(m_pgDeferredSql, QString());
    if (m_pgOwned->prepare(sql))
        return {};
    m_error = m_pgOwned->lastError();
    return m_pgConnection->postgres()->failure(m_error, u"prepare "_s + m_sql.left(80));
}

Result<void> Query::execPostgres()
{
    const QVarLengthArray<QVariant, 12> bindings = std::move(m_bindings);
    m_bindings.clear();
    m_lastInsertId.reset();
    if (!m_pgQuery)
        return m_prepareError;
    if (auto same = m_pgConnection->checkPgTransaction(); !same)
        return same;
    if (!m_pgDeferredSql.isEmpty()) {
        if (bindings.isEmpty()) {
            if (const auto written = withUserIdWritten()) {
                if (!m_pgQuery->exec(*written)) {
                    m_error = m_pgQuery->lastError();
                    return m_pgConnection->postgres()->failure(m_error, m_sql.left(80));
                }
                m_rowsAffected = m_pgQuery->numRowsAffected();
                m_error = QSqlError();
                return {};
            }
        }
        if (auto prepared = prepareDeferred(); !prepared)
            return prepared;
    }
    m_pgQuery->finish();
    const qsizetype own = m_userSlots.count(false);
    if (bindings.size() != own) {
        m_error = QSqlError(u"Parameter count mismatch"_s, QString(), QSqlError::StatementError);
        return makeError(ErrorCode::Internal,
            u"%1: %2 values bound for %3 parameters"_s.arg(m_sql.left(80)).arg(bindings.size()).arg(own));
    }
    qsizetype next = 0;
    for (qsizetype slot = 0; slot < m_userSlots.size(); ++slot)
        m_pgQuery->bindValue(
            int(slot), m_userSlots[slot] ? QVariant(m_pgConnection->userId()) : pgBindable(bindings[next++]));
    if (!m_pgQuery->exec()) {
        m_error = m_pgQuery->lastError();
        return m_pgConnection->postgres()->failure(m_error, m_sql.left(80));
    }
    m_rowsAffected = m_pgQuery->numRowsAffected();
    m_error = QSqlError();
    return {};
}

QVariant Query::pgValue(const QVariant &value)
{
    if (value.isNull())
        return QVariant();
    switch (value.typeId()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::Short:
    case QMetaType::UShort:
    case QMetaType::Bool:
        return QVariant(value.toLongLong());
    default:
        return value;
    }
}

} // namespace javumbo::storage
