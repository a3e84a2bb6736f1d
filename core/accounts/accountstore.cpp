#include "accountstore.h"

#include "adminschema.h"
#include "credentialrules.h"
#include "storage/database.h"
#include "storage/pgcollections.h"
#include "storage/sqldialect.h"
#include "storage/sqliteerror.h"
#include "storage/transaction.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

#include <mutex>
#include <optional>
#include <utility>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcAccounts, "javumbo.accounts")

namespace javumbo {

namespace {

const QString kSelectAccount
    = u"SELECT id, username, email, name, area_of_interest, created_at, is_admin, disabled, password_hash"
      u" FROM accounts"_s;

struct StoredAccount
{
    Account account;
    QString passwordHash;
};

StoredAccount accountFromRow(const storage::Query &query)
{
    StoredAccount stored;
    stored.account.id = query.int64(0);
    stored.account.username = query.text(1);
    stored.account.email = query.text(2);
    stored.account.name = query.text(3);
    stored.account.areaOfInterest = query.text(4);
    stored.account.createdAt = query.int64(5);
    stored.account.isAdmin = query.int64(6) != 0;
    stored.account.disabled = query.int64(7) != 0;
    stored.passwordHash = query.text(8);
    stored.account.hasPassword = !stored.passwordHash.isEmpty();
    return stored;
}

Error badCredentials()
{
    // One message for every cause: the client must not learn which part was wrong.
    return makeError(ErrorCode::BadCredentials, u"wrong username or password"_s);
}

Error userNotFound(const QString &what)
{
    return makeError(ErrorCode::UserNotFound, u"no user "_s % what);
}

// Maps the UNIQUE constraint that failed to the field the user must change.
Error insertError(const QSqlError &error, const Error &reported)
{
    // SQLite names "accounts.username_key", PostgreSQL "accounts_username_key_key".
    if (storage::dialect::isUniqueViolation(error)) {
        const QString text = error.databaseText();
        if (text.contains(u"username_key"))
            return makeError(ErrorCode::UsernameTaken, u"this username is already taken"_s);
        if (text.contains(u"email_key"))
            return makeError(ErrorCode::EmailTaken, u"this email address is already registered"_s);
    }
    return reported;
}

Result<qint64> insertAccount(storage::Connection &connection, const Registration &registration,
    const QString &passwordHash, qint64 createdAt)
{
    storage::Query query(connection,
        u"INSERT INTO accounts (username, username_key, email, email_key, name, area_of_interest,"
        u" password_hash, created_at, is_admin, disabled) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0)"_s
            + storage::dialect::returningId(connection.engine()));
    query.bind(registration.username).bind(credentialrules::usernameKey(registration.username));
    query.bind(registration.email).bind(credentialrules::emailKey(registration.email));
    query.bind(registration.name).bind(registration.areaOfInterest).bind(passwordHash).bind(createdAt);
    if (auto done = query.exec(); !done) {
        // The constraint's name tells a taken username from a taken email.
        const QSqlError error = query.sqlError();
        return error.type() == QSqlError::NoError ? Result<qint64>(done.error())
                                                  : insertError(error, done.error());
    }
    if (query.next()) // PostgreSQL: RETURNING id
        return query.int64(0);
    return query.lastInsertId().toLongLong();
}

// A collection and SQLite's side files; this thread's connection to it is
// closed first so nothing writes the file back.
void removeCollectionFiles(const QString &path)
{
    if (storage::PgCollections::isLocator(path))
        return; // rows, removed in the account's transaction (removeUser)
    storage::Database::closeOnThisThread(path);
    for (const QString &suffix : {u""_s, u"-wal"_s, u"-shm"_s, u"-journal"_s}) {
        const QString file = path % suffix;
        if (QFileInfo::exists(file) && !QFile::remove(file))
            qCWarning(lcAccounts) << "could not remove" << file;
    }
    storage::FileWatch::instance().forget(QFileInfo(path).absoluteFilePath());
}

} // namespace

AccountStore::AccountStore(QString dataDir, const Clock &clock, PasswordHasher hasher,
    CollectionFactory factory, const storage::PgCollections *postgres)
    : m_dataDir(QFileInfo(dataDir).absoluteFilePath())
    , m_postgres(postgres)
    , m_clock(clock)
    , m_hasher(std::move(hasher))
    , m_factory(std::move(factory))
    , m_writer(postgres ? postgres->sharedLocator() : m_dataDir % u"/admin.db"_s)
{ }

QString AccountStore::adminDbPath() const
{
    return m_writer.path();
}

QString AccountStore::collectionPath(qint64 userId) const
{
    if (m_postgres)
        return m_postgres->locator(userId);
    return m_dataDir % u"/user_dbs/user_"_s % QString::number(userId) % u".db"_s;
}

Result<void> AccountStore::initialize()
{
    if (!m_postgres && !QDir().mkpath(m_dataDir % u"/user_dbs"_s))
        return makeError(ErrorCode::StorageUnavailable, u"cannot create the data directory "_s % m_dataDir);
    auto connection = openAdminDatabase(adminDbPath());
    if (!connection)
        return connection.error();
    return {};
}

Result<Account> AccountStore::registerUser(const Registration &registration)
{
    if (auto valid = credentialrules::checkRegistration(registration); !valid)
        return valid.error();
    // Hashing takes a large fraction of a second; doing it under the write
    // lock would stall every other writer of admin.db.
    return insertWithCollection(registration, m_hasher.hash(registration.password));
}

Result<Account> AccountStore::registerLocalProfile(const Registration &registration)
{
    if (!registration.password.isEmpty())
        return registerUser(registration);
    for (const auto &valid : {credentialrules::checkUsername(registration.username),
             credentialrules::checkEmail(registration.email),
             credentialrules::checkProfile(registration.name, registration.areaOfInterest)}) {
        if (!valid)
            return valid.error();
    }
    // No hash: PasswordHasher::verify() refuses an empty stored hash, so no password matches.
    return insertWithCollection(registration, QString());
}

Result<Account> AccountStore::insertWithCollection(
    const Registration &registration, const QString &passwordHash)
{
    const qint64 createdAt = m_clock.nowSeconds();
    if (!m_postgres && !QDir().mkpath(m_dataDir % u"/user_dbs"_s))
        return makeError(
            ErrorCode::StorageUnavailable, u"cannot create the collection directory in "_s % m_dataDir);

    std::scoped_lock locker(m_writer.mutex());
    auto connection = openAdminDatabase(adminDbPath());
    if (!connection)
        return connection.error();
    storage::Transaction transaction(*connection.value());
    if (!transaction.isActive())
        return transaction.error();
    auto inserted = insertAccount(*connection.value(), registration, passwordHash, createdAt);
    if (!inserted)
        return inserted.error();
    const qint64 userId = inserted.value();
    const QString path = collectionPath(userId);

    // Ids only come back after a rollback, so a file already here was left
    // by a crash between creating it and committing its account: it belongs
    // to nobody, and we still hold the write lock that allocates this id.
    if (QFileInfo::exists(path)) {
        qCWarning(lcAccounts) << "removing orphaned collection" << path;
        removeCollectionFiles(path);
    }
    // Files are removed before `transaction` rolls back, i.e. before the id
    // can be handed to another registration.
    if (auto created = m_factory(path); !created) {
        qCWarning(lcAccounts) << "creating the collection of a new account failed:"
                              << created.error().message;
        removeCollectionFiles(path);
        return created.error();
    }
    if (auto committed = transaction.commit(); !committed) {
        qCWarning(lcAccounts) << "committing a new account failed:" << committed.error().message;
        removeCollectionFiles(path);
        return committed.error();
    }

    Account account;
    account.id = userId;
    account.username = registration.username;
    account.email = registration.email;
    account.name = registration.name;
    account.areaOfInterest = registration.areaOfInterest;
    account.createdAt = createdAt;
    account.hasPassword = !passwordHash.isEmpty();
    qCInfo(lcAccounts) << "registered user" << userId << registration.username;
    return account;
}

Result<Account> AccountStore::authenticate(const QString &username, const QString &password) const
{
    // Nobody can have chosen a password this long; refusing it unhashed
    // bounds what one anonymous request costs, and says nothing about the user.
    if (password.size() > credentialrules::kMaxPasswordLength)
        return badCredentials();

    std::optional<StoredAccount> stored;
    {
        auto connection = openAdminDatabase(adminDbPath());
        if (!connection)
            return connection.error();
        storage::Query query(*connection.value(), kSelectAccount % u" WHERE username_key = ?"_s);
        if (auto done = query.bind(credentialrules::usernameKey(username)).exec(); !done)
            return done.error();
        if (query.next())
            stored = accountFromRow(query);
    } // the read ends here, not after hundreds of milliseconds of hashing

    // A passwordless desktop profile takes as long to refuse as an unknown user.
    if (!stored || stored->passwordHash.isEmpty()) {
        m_hasher.dummyVerify(password);
        return badCredentials();
    }
    if (!m_hasher.verify(password, stored->passwordHash))
        return badCredentials();
    if (stored->account.disabled) {
        qCInfo(lcAccounts) << "refused login to disabled account" << stored->account.id;
        return badCredentials();
    }
    return stored->account;
}

Result<Account> AccountStore::findById(qint64 userId) const
{
    auto connection = openAdminDatabase(adminDbPath());
    if (!connection)
        return connection.error();
    storage::Query query(*connection.value(), kSelectAccount % u" WHERE id = ?"_s);
    if (auto done = query.bind(userId).exec(); !done)
        return done.error();
    if (!query.next())
        return userNotFound(u"with id "_s % QString::number(userId));
    return accountFromRow(query).account;
}

Result<Account> AccountStore::findByUsername(const QString &username) const
{
    auto connection = openAdminDatabase(adminDbPath());
    if (!connection)
        return connection.error();
    storage::Query query(*connection.value(), kSelectAccount % u" WHERE username_key = ?"_s);
    if (auto done = query.bind(credentialrules::usernameKey(username)).exec(); !done)
        return done.error();
    if (!query.next())
        return userNotFound(username);
    return accountFromRow(query).account;
}

Result<QList<Account>> AccountStore::list() const
{
    auto connection = openAdminDatabase(adminDbPath());
    if (!connection)
        return connection.error();
    storage::Query query(*connection.value(), kSelectAccount % u" ORDER BY id"_s);
    if (auto done = query.exec(); !done)
        return done.error();
    QList<Account> accounts;
    while (query.next())
        accounts.append(accountFromRow(query).account);
    return accounts;
}

Result<qint64> AccountStore::count() const
{
    auto connection = openAdminDatabase(adminDbPath());
    if (!connection)
        return connection.error();
    storage::Query query(*connection.value(), u"SELECT COUNT(*) FROM accounts"_s);
    auto counted = query.scalar();
    if (!counted)
        return counted.error();
    return counted.value() ? counted.value()->toLongLong() : 0;
}

Result<void> AccountStore::setDisabled(const QString &username, bool disabled)
{
    return updateFlag(u"disabled"_s, username, disabled);
}

Result<void> AccountStore::setAdmin(const QString &username, bool isAdmin)
{
    return updateFlag(u"is_admin"_s, username, isAdmin);
}

Result<void> AccountStore::updateFlag(const QString &column, const QString &username, bool value)
{
    int updated = 0;
    auto done = m_writer.run([&](storage::Connection &connection) -> Result<void> {
        storage::Query query(
            connection, u"UPDATE accounts SET "_s % column % u" = ? WHERE username_key = ?"_s);
        if (auto executed = query.bind(value ? 1 : 0).bind(credentialrules::usernameKey(username)).exec();
            !executed)
            return executed;
        updated = query.rowsAffected();
        return {};
    });
    if (!done)
        return done;
    if (updated == 0)
        return userNotFound(username);
    qCInfo(lcAccounts) << "set" << column << "=" << value << "for" << username;
    return {};
}

Result<void> AccountStore::resetPassword(const QString &username, const QString &newPassword)
{
    if (auto valid = credentialrules::checkPassword(newPassword); !valid)
        return valid;
    const QString passwordHash = m_hasher.hash(newPassword);
    int updated = 0;
    auto done = m_writer.run([&](storage::Connection &connection) -> Result<void> {
        storage::Query query(connection, u"UPDATE accounts SET password_hash = ? WHERE username_key = ?"_s);
        if (auto executed = query.bind(passwordHash).bind(credentialrules::usernameKey(username)).exec();
            !executed)
            return executed;
        updated = query.rowsAffected();
        return {};
    });
    if (!done)
        return done;
    if (updated == 0)
        return userNotFound(username);
    qCInfo(lcAccounts) << "password reset for" << username;
    return {};
}

Result<void> AccountStore::setName(qint64 userId, const QString &name)
{
    if (auto valid = credentialrules::checkProfile(name, QString()); !valid)
        return valid;
    int updated = 0;
    auto done = m_writer.run([&](storage::Connection &connection) -> Result<void> {
        storage::Query query(connection, u"UPDATE accounts SET name = ? WHERE id = ?"_s);
        if (auto executed = query.bind(name).bind(userId).exec(); !executed)
            return executed;
        updated = query.rowsAffected();
        return {};
    });
    if (!done)
        return done;
    if (updated == 0)
        return userNotFound(u"with id "_s % QString::number(userId));
    return {};
}

Result<void> AccountStore::removeUser(qint64 userId)
{
    int removed = 0;
    auto done = m_writer.run([&](storage::Connection &connection) -> Result<void> {
        storage::Query sessions(connection, u"DELETE FROM sessions WHERE user_id = ?"_s);
        if (auto executed = sessions.bind(userId).exec(); !executed)
            return executed;
        storage::Query account(connection, u"DELETE FROM accounts WHERE id = ?"_s);
        if (auto executed = account.bind(userId).exec(); !executed)
            return executed;
        removed = account.rowsAffected();
        if (m_postgres && removed > 0)
            return storage::PgCollections::removeCollection(connection, userId);
        return {};
    });
    if (!done)
        return done;
    if (removed == 0)
        return userNotFound(u"with id "_s % QString::number(userId));
    // After the commit: ids are never reused (AUTOINCREMENT), so nothing can claim these files meanwhile.
    const QString path = collectionPath(userId);
    removeCollectionFiles(path);
    if (!m_postgres)
        QDir(path.chopped(3) % u".media"_s).removeRecursively();
    qCInfo(lcAccounts) << "removed user" << userId;
    return {};
}

} // namespace javumbo
