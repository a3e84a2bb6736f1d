#include "adminschema.h"

#include "storage/database.h"
#include "storage/transaction.h"

using namespace Qt::StringLiterals;

namespace javumbo {

namespace {

// Uniqueness lives in the database, not in a check-then-insert, so two
// concurrent registrations of one name cannot both win. Ids are never reused
// (AUTOINCREMENT) because they name collection files.
const QString kCreateAccounts = uR"(
CREATE TABLE IF NOT EXISTS accounts (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    username         TEXT    NOT NULL DEFAULT '',
    username_key     TEXT    NOT NULL DEFAULT '' UNIQUE,
    email            TEXT    NOT NULL DEFAULT '',
    email_key        TEXT    NOT NULL DEFAULT '' UNIQUE,
    name             TEXT    NOT NULL DEFAULT '',
    area_of_interest TEXT    NOT NULL DEFAULT '',
    password_hash    TEXT    NOT NULL DEFAULT '',
    created_at       INTEGER NOT NULL DEFAULT 0,
    is_admin         INTEGER NOT NULL DEFAULT 0,
    disabled         INTEGER NOT NULL DEFAULT 0
))"_s;

// Only a hash of each token is stored: a copy of admin.db does not log anybody in.
const QString kCreateSessions = uR"(
CREATE TABLE IF NOT EXISTS sessions (
    token_hash      BLOB    NOT NULL PRIMARY KEY,
    user_id         INTEGER NOT NULL,
    created_at      INTEGER NOT NULL DEFAULT 0,
    last_seen       INTEGER NOT NULL DEFAULT 0,
    current_deck_id INTEGER NOT NULL DEFAULT 1
) WITHOUT ROWID)"_s;

const QString kCreateSessionsUserIndex
    = u"CREATE INDEX IF NOT EXISTS sessions_user_id ON sessions (user_id)"_s;

Result<int> userVersion(storage::Connection &connection)
{
    storage::Query query(connection, u"PRAGMA user_version"_s);
    auto version = query.scalar();
    if (!version)
        return version.error();
    return version.value() ? version.value()->toInt() : 0;
}

Error newerSchema(const storage::Connection &connection, int version)
{
    return makeError(ErrorCode::StorageCorrupt,
        u"%1 has admin schema version %2; this Javumbo knows only up to %3"_s.arg(connection.path())
            .arg(version)
            .arg(kAdminSchemaVersion));
}

} // namespace

Result<void> initializeAdminSchema(storage::Connection &connection, storage::OpenMode mode)
{
    // Every thread runs this on its first open; the common case must not
    // take the write lock.
    auto version = userVersion(connection);
    if (!version)
        return version.error();
    if (version.value() == kAdminSchemaVersion)
        return {};
    if (version.value() > kAdminSchemaVersion)
        return newerSchema(connection, version.value());
    if (mode == storage::OpenMode::ReadOnly)
        return makeError(
            ErrorCode::StorageCorrupt, connection.path() % u" is not an initialised admin database"_s);

    storage::Transaction transaction(connection);
    if (!transaction.isActive())
        return transaction.error();
    // Another thread or process may have created the schema while we waited.
    version = userVersion(connection);
    if (!version)
        return version.error();
    if (version.value() == kAdminSchemaVersion)
        return {};
    if (version.value() > kAdminSchemaVersion)
        return newerSchema(connection, version.value());
    for (const QString &statement : {kCreateAccounts, kCreateSessions, kCreateSessionsUserIndex,
             u"PRAGMA user_version = %1"_s.arg(kAdminSchemaVersion)}) {
        if (auto done = connection.execute(statement); !done)
            return done;
    }
    return transaction.commit();
}

Result<storage::Connection *> openAdminDatabase(const QString &adminDbPath, storage::OpenMode mode)
{
    return storage::Database::open(adminDbPath, mode, &initializeAdminSchema);
}

} // namespace javumbo
