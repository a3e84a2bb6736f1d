#include "localprofilestore.h"

#include "localcollectionclient.h"
#include "services/backend.h"
#include "services/profilebackups.h"

#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

LocalProfileStore::LocalProfileStore(Backend &backend) : m_backend(backend) { }

Result<QList<Profile>> LocalProfileStore::profiles()
{
    auto accounts = m_backend.accounts().list();
    if (!accounts)
        return accounts.error();
    QList<Profile> result;
    for (const Account &account : accounts.value()) {
        if (!account.disabled)
            result.append(Profile {account.id, account.username});
    }
    return result;
}

Result<Profile> LocalProfileStore::createProfile(const QString &name, const QString &password)
{
    Registration registration;
    registration.username = name.trimmed();
    registration.password = password.isEmpty() ? randomPassword() : password;
    registration.name = registration.username;
    // Accounts need a unique address; a local profile has none, so it gets a reserved one (RFC 2606).
    registration.email = registration.username + u"@local.invalid"_s;
    auto account = m_backend.accounts().registerUser(registration);
    if (!account)
        return account.error();
    return Profile {account->id, account->username};
}

std::shared_ptr<CollectionClient> LocalProfileStore::open(const Profile &profile)
{
    return std::make_shared<LocalCollectionClient>(m_backend, profile.userId, profile.name);
}

QString LocalProfileStore::dataDirectory() const
{
    return m_backend.context().dataDir;
}

QString LocalProfileStore::randomPassword()
{
    static const QString alphabet = u"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_.!"_s;
    QString password;
    for (int i = 0; i < 32; ++i)
        password.append(alphabet.at(int(QRandomGenerator::system()->bounded(qint64(alphabet.size())))));
    return password;
}

Result<ProfileBackup> LocalProfileStore::backUp(const Profile &profile)
{
    auto entry = ProfileBackups(m_backend.context()).backUp(profile.userId);
    if (!entry)
        return entry.error();
    return ProfileBackup {entry->path, entry->takenAt, entry->size};
}

Result<QList<ProfileBackup>> LocalProfileStore::backups(const Profile &profile)
{
    QList<ProfileBackup> result;
    for (const auto &entry : ProfileBackups(m_backend.context()).list(profile.userId))
        result.append({entry.path, entry.takenAt, entry.size});
    return result;
}

Result<void> LocalProfileStore::restore(const Profile &profile, const QString &backupPath)
{
    return ProfileBackups(m_backend.context()).restore(profile.userId, backupPath);
}

} // namespace javumbo::gui
