#include "pgcollections.h"

#include "postgres/collectiontables.h"
#include "postgres/pgdatabase.h"

#include <QHash>

#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>

using namespace Qt::StringLiterals;

namespace javumbo::storage {

namespace {

constexpr QStringView kScheme = u"postgres:";

struct Registry
{
    std::mutex mutex;
    std::map<quint64, postgres::PgDatabase *> databases;
};

Registry &registry()
{
    static Registry instance;
    return instance;
}

struct ParsedLocator
{
    quint64 database = 0;
    qint64 userId = 0;
};

std::optional<ParsedLocator> parse(const QString &locator)
{
    if (!locator.startsWith(kScheme))
        return std::nullopt;
    const QStringView rest = QStringView(locator).mid(kScheme.size());
    const qsizetype colon = rest.indexOf(u':');
    if (colon < 0)
        return std::nullopt;
    bool databaseOk = false;
    bool userOk = false;
    ParsedLocator parsed {rest.left(colon).toULongLong(&databaseOk), rest.mid(colon + 1).toLongLong(&userOk)};
    if (!databaseOk || !userOk || parsed.userId < 0)
        return std::nullopt;
    return parsed;
}

// The calling thread's connections, one per locator. Small objects (the link
// itself is the PgDatabase's). When too many users passed through one thread
// the ones not used lately are dropped — never one used by the last
// kRecentOpens opens (a caller may still hold it: a read and the shared
// tables' connection in one request) nor one in a transaction.
struct ThreadConnection
{
    std::unique_ptr<Connection> connection;
    quint64 lastOpen = 0;
};

struct ThreadConnections
{
    std::unordered_map<QString, ThreadConnection> byLocator;
    quint64 opens = 0;
};

ThreadConnections &threadConnections()
{
    thread_local ThreadConnections connections;
    return connections;
}

constexpr std::size_t kMaxConnectionsPerThread = 4096;
constexpr quint64 kRecentOpens = 64;

} // namespace

PgCollections::PgCollections(postgres::PgDatabase &database) : m_database(database)
{
    std::lock_guard lock(registry().mutex);
    registry().databases[database.serial()] = &database;
}

PgCollections::~PgCollections()
{
    std::lock_guard lock(registry().mutex);
    registry().databases.erase(m_database.serial());
}

void PgCollections::closeAllOnThisThread()
{
    threadConnections().byLocator.clear();
}

QString PgCollections::locator(qint64 userId) const
{
    return kScheme.toString() + QString::number(m_database.serial()) + u':' + QString::number(userId);
}

bool PgCollections::isLocator(const QString &path)
{
    return path.startsWith(kScheme);
}

qint64 PgCollections::userOf(const QString &locator)
{
    const auto parsed = parse(locator);
    return parsed ? parsed->userId : 0;
}

Result<void> PgCollections::removeCollection(Connection &connection, qint64 userId)
{
    for (const postgres::CollectionTable &table : postgres::collectionTables()) {
        Query removal(connection, u"DELETE FROM "_s + table.name + u" WHERE user_id = ?"_s);
        if (auto done = removal.bind(userId).exec(); !done)
            return done;
    }
    // The collection's media files are rows too (interop::MediaStore).
    Query media(connection, u"DELETE FROM media WHERE user_id = ?"_s);
    return media.bind(userId).exec();
}

postgres::PgDatabase *PgCollections::databaseOf(const QString &locator)
{
    const auto parsed = parse(locator);
    if (!parsed)
        return nullptr;
    std::lock_guard lock(registry().mutex);
    const auto found = registry().databases.find(parsed->database);
    return found == registry().databases.end() ? nullptr : found->second;
}

Result<Connection *> PgCollections::open(const QString &locator)
{
    const auto parsed = parse(locator);
    if (!parsed)
        return makeError(ErrorCode::Internal, u"not a collection locator: %1"_s.arg(locator));
    postgres::PgDatabase *database = databaseOf(locator);
    if (!database)
        return makeError(
            ErrorCode::StorageUnavailable, u"the PostgreSQL database of %1 is closed"_s.arg(locator));
    ThreadConnections &connections = threadConnections();
    const quint64 now = ++connections.opens;
    if (auto found = connections.byLocator.find(locator); found != connections.byLocator.end()) {
        found->second.lastOpen = now;
        return found->second.connection.get();
    }
    if (connections.byLocator.size() >= kMaxConnectionsPerThread) {
        std::erase_if(connections.byLocator, [now](const auto &entry) {
            return entry.second.lastOpen + kRecentOpens < now && !entry.second.connection->inTransaction();
        });
    }
    ThreadConnection made {std::make_unique<Connection>(locator, *database, parsed->userId), now};
    return connections.byLocator.emplace(locator, std::move(made)).first->second.connection.get();
}

} // namespace javumbo::storage
