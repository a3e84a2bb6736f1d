#pragma once

#include "collectionclient.h"
#include "common/result.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QUrl>

#include <memory>

namespace javumbo::gui {

// The longest profile name accepted.
inline constexpr int kMaxProfileNameLength = 60;

enum class ProfileKind
{
    Local, // an account of this computer's data directory
    Remote, // an account on a class server, studied over its API (docs/remote-profiles.md)
};

// A local profile is an account of the data directory, studied locally. Its
// name is what people see (any text: "María"); the username is the account's
// login for the server, made from the name when the profile is created.
// A remote profile is an account on a server: its URL and username, kept in
// the data directory's remote-profiles.json, and a session token in the token
// store (tokenstore.h); it has no password here.
struct Profile
{
    qint64 userId = 0; // remote: the server's id for the account, 0 until known
    QString name;
    QString username;
    // Asked before the profile opens: a local profile's password; a remote profile without a
    // token kept (never signed in, or signed out) asks for its server password.
    bool hasPassword = false;
    ProfileKind kind = ProfileKind::Local;
    QUrl serverUrl; // remote only

    bool isRemote() const { return kind == ProfileKind::Remote; }
    // Tells profiles apart across both kinds (a local and a remote one may share a user id):
    // the profile menu's check mark, the last profile remembered in the settings.
    QString key() const
    {
        return isRemote() ? QStringLiteral("remote:%1@%2").arg(username, serverUrl.toString())
                          : QStringLiteral("local:%1").arg(userId);
    }
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

    // Remote profiles (docs/remote-profiles.md); a store of local profiles only refuses them.
    // Signs in to `serverUrl` with the password (used once, never kept), keeps the token and lists
    // the new profile. BadCredentials, NetworkError, UsernameTaken when it is listed already.
    virtual Result<Profile> addRemoteProfile(
        const QUrl &serverUrl, const QString &username, const QString &password);
    // Signs in again (after a 401 or a sign-out): the new token, kept for the next start too.
    virtual Result<QString> signIn(const Profile &profile, const QString &password);
    // Revokes the token on the server (POST /logout) and forgets it here; the profile stays listed
    // and asks for its password when opened again. Forgets it even when the server cannot be reached.
    virtual Result<void> signOut(const Profile &profile);

    // Automatic backups (ProfileBackups): take one now; list them, newest
    // first; restore one (the current collection is backed up first).
    virtual Result<ProfileBackup> backUp(const Profile &profile) = 0;
    virtual Result<QList<ProfileBackup>> backups(const Profile &profile) = 0;
    virtual Result<void> restore(const Profile &profile, const QString &backupPath) = 0;
};

inline Result<Profile> ProfileStore::addRemoteProfile(const QUrl &, const QString &, const QString &)
{
    return makeError(ErrorCode::BadRequest, QStringLiteral("This store keeps local profiles only."));
}

inline Result<QString> ProfileStore::signIn(const Profile &, const QString &)
{
    return makeError(ErrorCode::BadRequest, QStringLiteral("This store keeps local profiles only."));
}

inline Result<void> ProfileStore::signOut(const Profile &)
{
    return makeError(ErrorCode::BadRequest, QStringLiteral("This store keeps local profiles only."));
}

} // namespace javumbo::gui
