#pragma once

#include "collectionclient.h"
#include "common/result.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>

namespace javumbo::gui {

// The longest profile name accepted.
inline constexpr int kMaxProfileNameLength = 60;

// A profile is an account of the data directory, studied locally. Its name
// is what people see (any text: "María"); the username is the account's login
// for the server, made from the name when the profile is created.
struct Profile
{
    qint64 userId = 0;
    QString name;
    QString username;
    bool hasPassword = false; // asked before the profile opens
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
    // An empty password makes a profile that opens without one and cannot log in through the server.
    // UsernameTaken when another profile has the same name (case-insensitively).
    virtual Result<Profile> createProfile(const QString &name, const QString &password) = 0;
    // BadCredentials when `password` is not the profile's.
    virtual Result<void> checkPassword(const Profile &profile, const QString &password) = 0;
    virtual Result<Profile> renameProfile(const Profile &profile, const QString &name) = 0;
    // Deletes the profile with all its decks, cards and history.
    virtual Result<void> deleteProfile(const Profile &profile) = 0;
    virtual std::shared_ptr<CollectionClient> open(const Profile &profile) = 0;
    virtual QString dataDirectory() const = 0;

    // Automatic backups (ProfileBackups): take one now; list them, newest
    // first; restore one (the current collection is backed up first).
    virtual Result<ProfileBackup> backUp(const Profile &profile) = 0;
    virtual Result<QList<ProfileBackup>> backups(const Profile &profile) = 0;
    virtual Result<void> restore(const Profile &profile, const QString &backupPath) = 0;
};

} // namespace javumbo::gui
