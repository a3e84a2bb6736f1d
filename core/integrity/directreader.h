#pragma once

#include "collectionsource.h"

#include <QList>
#include <QString>

namespace javumbo::integrity {

// An account row of admin.db, as the identity checks need it.
struct AdminAccount
{
    qint64 id = 0;
    QString username;
    QString email;
};

// A file under user_dbs/ named user_<digits>.db.
struct CollectionFile
{
    qint64 userId = 0; // the digits, as a number ("user_07.db" is user 7)
    QString fileName;
};

// Reads a server's data directory (admin.db, user_dbs/user_{id}.db) strictly
// read-only, through private connections opened and removed per call, so it
// may run on any thread while the server keeps writing (WAL).
class DirectReader final : public CollectionSource
{
public:
    explicit DirectReader(QString dataDir);

    // Whether the directory looks like a server's data directory (user_dbs/ is readable).
    bool isUsable() const;
    QString adminDbPath() const;
    QString collectionPath(qint64 userId) const;

    QString name() const override;
    bool seesRevlog() const override { return true; }
    // The id admin.db holds for the account's username.
    Result<qint64> resolveUserId(const TestAccount &account) override;
    // `cursor` is the largest card id already read: card ids only grow within
    // a collection, because each is chosen inside the writer's transaction.
    Result<CollectionRead> read(const TestAccount &account, qint64 cursor, bool full) override;

    Result<QList<AdminAccount>> adminAccounts() const;
    Result<QList<CollectionFile>> collectionFiles() const;
    // PRAGMA integrity_check's findings joined: "ok" for a sound file.
    Result<QString> integrityCheck(const QString &path) const;

private:
    QString m_dataDir;
};

} // namespace javumbo::integrity
