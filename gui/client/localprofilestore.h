#pragma once

#include "profilestore.h"

namespace javumbo {
class Backend;
struct Account;
} // namespace javumbo

namespace javumbo::gui {

// Profiles as accounts in the Backend's admin.db (the same accounts a server
// on this data directory serves). A profile's name is the account's display
// name; its username is derived from it (usernameFor()).
class LocalProfileStore final : public ProfileStore
{
public:
    explicit LocalProfileStore(Backend &backend);

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

    // A free login for a profile name: its letters without accents, digits
    // and . _ - (3 to 32 characters, "profile" when nothing is left), made
    // unique with a number. "María José" → "maria-jose".
    static QString usernameFor(const QString &name, const QStringList &taken);

private:
    static Profile profileOf(const Account &account);
    Result<QString> checkedName(const QString &name, qint64 exceptUserId);

    Backend &m_backend;
};

} // namespace javumbo::gui
