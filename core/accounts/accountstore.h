#pragma once

#include "account.h"
#include "adminwriter.h"
#include "common/clock.h"
#include "common/result.h"
#include "passwordhasher.h"

#include <QList>
#include <QString>

#include <functional>

namespace javumbo::storage {
class PgCollections;
}

namespace javumbo {

// Creates the collection file of a new user at the given path. Injected so
// that accounts do not depend on the collection schema.
using CollectionFactory = std::function<Result<void>(const QString &collectionPath)>;

// Accounts in `<dataDir>/admin.db` and their collections in
// `<dataDir>/user_dbs/user_{id}.db` — or both in PostgreSQL: an account never
// exists without its collection, nor a collection without its account (on
// PostgreSQL both are made in one transaction).
//
// Thread-safe: every member is fixed at construction and each thread talks to
// admin.db through its own connection. The factory must be thread-safe too.
class AccountStore
{
public:
    // `postgres`: accounts in that database's shared tables and each
    // collection a user's rows there (storage/pgcollections.h); null: files.
    AccountStore(QString dataDir, const Clock &clock, PasswordHasher hasher, CollectionFactory factory,
        const storage::PgCollections *postgres = nullptr);

    const QString &dataDir() const { return m_dataDir; }
    QString adminDbPath() const;
    QString collectionPath(qint64 userId) const;

    // Creates the data directories and the admin schema; call once at startup.
    Result<void> initialize();

    // InvalidUsername, WeakPassword, InvalidEmail or BadRequest for bad input,
    // UsernameTaken or EmailTaken when someone else holds it (case-insensitively).
    Result<Account> registerUser(const Registration &registration);
    // A desktop profile: like registerUser, but an empty password is allowed
    // and stores no hash at all, so the account opens locally without one and
    // no password ever logs it in through the server.
    Result<Account> registerLocalProfile(const Registration &registration);
    // BadCredentials for an unknown user, a wrong password or a disabled
    // account alike, in about the same time.
    Result<Account> authenticate(const QString &username, const QString &password) const;

    Result<Account> findById(qint64 userId) const;
    Result<Account> findByUsername(const QString &username) const;
    Result<QList<Account>> list() const; // ordered by id
    Result<qint64> count() const;

    // UserNotFound for an unknown username.
    Result<void> setDisabled(const QString &username, bool disabled);
    Result<void> setAdmin(const QString &username, bool isAdmin);
    Result<void> resetPassword(const QString &username, const QString &newPassword);
    // The display name (any text, credentialrules::kMaxNameLength at most).
    Result<void> setName(qint64 userId, const QString &name);
    // Deletes the account, its sessions, its collection and its media folder.
    Result<void> removeUser(qint64 userId);

private:
    Result<Account> insertWithCollection(const Registration &registration, const QString &passwordHash);
    Result<void> updateFlag(const QString &column, const QString &username, bool value);

    QString m_dataDir;
    const storage::PgCollections *m_postgres;
    const Clock &m_clock;
    PasswordHasher m_hasher;
    CollectionFactory m_factory;
    AdminWriter m_writer;
};

} // namespace javumbo
