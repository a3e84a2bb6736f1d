#pragma once

#include "profilestore.h"
#include "remoteprofilelist.h"
#include "tokenstore.h"

namespace javumbo::gui {

// The profiles the desktop app shows: the local ones of a store over the data
// directory, then the remote ones of remote-profiles.json, each opened over
// the server's API with the token kept in the token store
// (docs/remote-profiles.md). Local calls go to the local store unchanged.
class AppProfileStore final : public ProfileStore
{
public:
    AppProfileStore(ProfileStore &local, std::unique_ptr<TokenStore> tokens);
    ~AppProfileStore() override;

    // The token store's account of a remote profile: "username@server-url".
    static QString tokenAccount(const Profile &profile);

    Result<QList<Profile>> profiles() override;
    Result<Profile> createProfile(const QString &name, const QString &password) override;
    Result<void> checkPassword(const Profile &profile, const QString &password) override;
    Result<Profile> renameProfile(const Profile &profile, const QString &name) override;
    Result<void> deleteProfile(const Profile &profile) override;
    std::shared_ptr<CollectionClient> open(const Profile &profile) override;
    QString dataDirectory() const override;
    Result<ProfileBackup> backUp(const Profile &profile) override;
    Result<QList<ProfileBackup>> backups(const Profile &profile) override;
    Result<void> restore(const Profile &profile, const QString &backupPath) override;

    Result<Profile> addRemoteProfile(
        const QUrl &serverUrl, const QString &username, const QString &password) override;
    Result<QString> signIn(const Profile &profile, const QString &password) override;
    Result<void> signOut(const Profile &profile) override;

    TokenStore &tokens() { return *m_tokens; }

private:
    ProfileStore &m_local;
    std::unique_ptr<TokenStore> m_tokens;
    RemoteProfileList m_remote;
};

} // namespace javumbo::gui
