#pragma once

#include "profilestore.h"

namespace javumbo {
class Backend;
}

namespace javumbo::gui {

// Profiles as accounts in the Backend's admin.db (the same accounts a server
// on this data directory serves).
class LocalProfileStore final : public ProfileStore
{
public:
    explicit LocalProfileStore(Backend &backend);

    Result<QList<Profile>> profiles() override;
    Result<Profile> createProfile(const QString &name, const QString &password) override;
    std::shared_ptr<CollectionClient> open(const Profile &profile) override;
    QString dataDirectory() const override;
    Result<ProfileBackup> backUp(const Profile &profile) override;
    Result<QList<ProfileBackup>> backups(const Profile &profile) override;
    Result<void> restore(const Profile &profile, const QString &backupPath) override;

    // 32 characters from the system's random source.
    static QString randomPassword();

private:
    Backend &m_backend;
};

} // namespace javumbo::gui
