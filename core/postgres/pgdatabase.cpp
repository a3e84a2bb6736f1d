#include "pgdatabase.h"

#include "pgerror.h"

#include <QSqlDriver>
#include <QSqlQuery>

#include <libpq-fe.h>

#include <atomic>
#include <map>
#include <memory>
#include <unordered_map>

using namespace Qt::StringLiterals;

namespace javumbo::postgres {

namespace {

std::atomic<quint64> g_nextSerial {1};

// The calling thread's connections, by PgDatabase serial; closed and removed
// when the thread ends, so pool threads that expire leak nothing.
struct ThreadConnections
{
    std::map<quint64, QString> names;
    // Statements prepared on the connection of the same serial; they die with it.
    std::map<quint64, std::unordered_map<QString, std::unique_ptr<QSqlQuery>>> statements;
    // How many times the connection of a serial was opened: a transaction
    // begun on one must not go on, or commit, on the next.
    std::map<quint64, quint64> generations;
    // The generation an open transaction began on, by serial: one per link,
    // whichever user's rows it writes.
    std::map<quint64, quint64> transactions;

    ~ThreadConnections()
    {
        statements.clear(); // before their connections go
        for (const auto &[serial, name] : names)
            remove(name);
    }
    static void remove(const QString &name)
    {
        {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            db.close();
        } // the handle must be gone before removeDatabase
        QSqlDatabase::removeDatabase(name);
    }
};

ThreadConnections &threadConnections()
{
    thread_local ThreadConnections connections;
    return connections;
}

// libpq's own view of the link: a statement that failed because the socket
// closed carries no SQLSTATE, but the connection is then CONNECTION_BAD.
bool linkIsBad(const QSqlDatabase &db)
{
    if (!db.isOpen())
        return true;
    // Qt's documentation spells the type "PGconn*"; 6.4 registers the struct's name.
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid()
        || (qstrcmp(handle.typeName(), "pg_conn*") != 0 && qstrcmp(handle.typeName(), "PGconn*") != 0))
        return true;
    PGconn *connection = *static_cast<PGconn *const *>(handle.constData());
    return !connection || PQstatus(connection) != CONNECTION_OK;
}

// A statement that failed without a SQLSTATE never reached the server's
// executor: either the link broke — libpq still said CONNECTION_OK after
// "server closed the connection unexpectedly" (docs/platform-notes.md item 35) —
// or the client refused it. One trivial statement tells the two apart.
bool linkIsLost(QSqlDatabase &db, const QSqlError &error)
{
    if (isConnectionLoss(error) || linkIsBad(db))
        return true;
    if (!sqlState(error).isEmpty())
        return false;
    QSqlQuery probe(db);
    return !probe.exec(u"SELECT 1"_s) || linkIsBad(db);
}

} // namespace

PgDatabase::PgDatabase(PgConnectionString target, Options options)
    : m_target(std::move(target)), m_options(options), m_serial(g_nextSerial++)
{ }

PgDatabase::~PgDatabase()
{
    closeOnThisThread();
}

Result<QSqlDatabase> PgDatabase::connection()
{
    auto &names = threadConnections().names;
    auto found = names.find(m_serial);
    if (found == names.end()) {
        if (!QSqlDatabase::isDriverAvailable(u"QPSQL"_s))
            return makeError(ErrorCode::StorageUnavailable,
                u"Qt's PostgreSQL driver (QPSQL) is not installed: install libqt6sql6-psql"_s);
        const QString name = u"javumbo-pg-%1-%2"_s.arg(m_serial).arg(g_nextSerial++);
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
        db.setConnectOptions(m_target.connectOptions());
        found = names.emplace(m_serial, name).first;
    }
    QSqlDatabase db = QSqlDatabase::database(found->second, false);
    if (linkIsBad(db)) {
        threadConnections().statements.erase(m_serial); // prepared on the connection that is gone
        ++threadConnections().generations[m_serial];
        if (auto opened = open(db); !opened)
            return opened.error();
    }
    return db;
}

Result<void> PgDatabase::open(QSqlDatabase &db)
{
    db.close();
    if (!db.open())
        return makeError(ErrorCode::StorageUnavailable,
            u"cannot reach PostgreSQL at %1: %2"_s.arg(
                m_target.describe(), db.lastError().databaseText().trimmed()));
    // Session settings: the server ends a transaction a dead or stuck client
    // left open (and with it the user's lock), and probes idle TCP peers.
    const QStringList settings = {
        u"SET idle_in_transaction_session_timeout = %1"_s.arg(m_options.idleInTransactionTimeout.count()),
        u"SET tcp_keepalives_idle = 30"_s,
        u"SET tcp_keepalives_interval = 10"_s,
        u"SET tcp_keepalives_count = 3"_s,
    };
    for (const QString &setting : settings) {
        if (auto done = execute(db, setting); !done)
            return done;
    }
    return {};
}

Error PgDatabase::failure(QSqlDatabase &db, const QSqlError &error, const QString &context)
{
    Error result = pgError(error, context);
    if (linkIsLost(db, error)) {
        db.close();
        // A new generation at once, not only when the next statement reopens
        // the link: a transaction begun on this link must fail every later
        // statement and its COMMIT even if nothing asks for the link first
        // (a COMMIT on a fresh link only warns and "succeeds").
        ++threadConnections().generations[m_serial];
        result.code = ErrorCode::StorageUnavailable;
    }
    return result;
}

Result<QSqlQuery *> PgDatabase::prepared(const QString &sql)
{
    auto db = connection();
    if (!db)
        return db.error();
    auto &statements = threadConnections().statements[m_serial];
    if (auto found = statements.find(sql); found != statements.end())
        return found->second.get();
    auto query = std::make_unique<QSqlQuery>(db.value());
    query->setForwardOnly(true);
    if (!query->prepare(sql))
        return failure(db.value(), query->lastError(), u"prepare "_s + sql.left(80));
    return statements.emplace(sql, std::move(query)).first->second.get();
}

quint64 PgDatabase::generationOnThisThread() const
{
    const auto &generations = threadConnections().generations;
    const auto found = generations.find(m_serial);
    return found == generations.end() ? 0 : found->second;
}

void PgDatabase::noteTransactionOnThisThread(bool open)
{
    auto &transactions = threadConnections().transactions;
    if (open)
        transactions[m_serial] = generationOnThisThread();
    else
        transactions.erase(m_serial);
}

bool PgDatabase::inTransactionOnThisThread() const
{
    return threadConnections().transactions.contains(m_serial);
}

bool PgDatabase::transactionLinkLost() const
{
    const auto &transactions = threadConnections().transactions;
    const auto found = transactions.find(m_serial);
    return found != transactions.end() && found->second != generationOnThisThread();
}

Error PgDatabase::failure(const QSqlError &error, const QString &context)
{
    auto &names = threadConnections().names;
    const auto found = names.find(m_serial);
    if (found == names.end())
        return pgError(error, context);
    QSqlDatabase db = QSqlDatabase::database(found->second, false);
    return failure(db, error, context);
}

Result<void> PgDatabase::execute(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql))
        return failure(db, query.lastError(), sql);
    return {};
}

Result<void> PgDatabase::checkServer()
{
    auto db = connection();
    if (!db)
        return db.error();
    QSqlQuery query(db.value());
    if (!query.exec(
            u"SELECT current_setting('server_version_num')::integer, current_setting('synchronous_commit')"_s)
        || !query.next())
        return failure(db.value(), query.lastError(), u"reading the server's settings"_s);
    const int version = query.value(0).toInt();
    const QString synchronousCommit = query.value(1).toString();
    if (version < 150000)
        return makeError(ErrorCode::StorageUnavailable,
            u"PostgreSQL at %1 is version %2; Javumbo needs 15 or newer"_s.arg(m_target.describe())
                .arg(version));
    if (synchronousCommit != "on"_L1 && synchronousCommit != "remote_apply"_L1)
        return makeError(ErrorCode::StorageUnavailable,
            u"PostgreSQL at %1 has synchronous_commit = %2: a write Javumbo acknowledges could be lost "
            "in a crash. Set it to on (ALTER SYSTEM, ALTER DATABASE or ALTER ROLE … SET synchronous_commit = on)"_s
                .arg(m_target.describe(), synchronousCommit));
    return {};
}

void PgDatabase::closeAllOnThisThread()
{
    ThreadConnections &connections = threadConnections();
    connections.statements.clear(); // before their connections go
    for (const auto &[serial, name] : connections.names)
        ThreadConnections::remove(name);
    connections.names.clear();
}

void PgDatabase::closeOnThisThread()
{
    threadConnections().statements.erase(m_serial);
    auto &names = threadConnections().names;
    auto found = names.find(m_serial);
    if (found == names.end())
        return;
    ThreadConnections::remove(found->second);
    names.erase(found);
}

} // namespace javumbo::postgres
