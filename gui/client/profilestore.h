#pragma once

#include "collectionclient.h"
#include "common/result.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>

namespace javumbo::gui {

// A profile is an account of the data directory, studied locally.
struct Profile
{
    qint64 userId = 0;
    QString name;
};

// One automatic backup of a profile's collection.
struct ProfileBackup
{
    QString path;
    QDateTime takenAt; // UTC
    qint64 size = 0;
};

// The profiles of the open data directory and a client for each.
class ProfileStore
{
public:
    virtual ~ProfileStore() = default;
    virtual Result<QList<Profile>> profiles() = 0;
    // An empty password gets a strong random one: a local profile never needs it.
    virtual Result<Profile> createProfile(const QString &name, const QString &password) = 0;
    virtual std::shared_ptr<CollectionClient> open(const Profile &profile) = 0;
    virtual QString dataDirectory() const = 0;

    // Automatic backups (ProfileBackups): take one now; list them, newest
    // first; restore one (the current collection is backed up first).
    virtual Result<ProfileBackup> backUp(const Profile &profile) = 0;
    virtual Result<QList<ProfileBackup>> backups(const Profile &profile) = 0;
    virtual Result<void> restore(const Profile &profile, const QString &backupPath) = 0;
};

} // namespace javumbo::gui
