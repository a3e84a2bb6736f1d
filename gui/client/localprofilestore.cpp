#include "localprofilestore.h"

#include "accounts/credentialrules.h"
#include "localcollectionclient.h"
#include "services/backend.h"
#include "services/profilebackups.h"

using namespace Qt::StringLiterals;

namespace javumbo::gui {

LocalProfileStore::LocalProfileStore(Backend &backend) : m_backend(backend) { }

Profile LocalProfileStore::profileOf(const Account &account)
{
    // Accounts made on the server have no display name: their username stands in.
    const QString name = account.name.trimmed().isEmpty() ? account.username : account.name;
    return Profile {account.id, name, account.username, account.hasPassword};
}

Result<QList<Profile>> LocalProfileStore::profiles()
{
    auto accounts = m_backend.accounts().list();
    if (!accounts)
        return accounts.error();
    QList<Profile> result;
    for (const Account &account : accounts.value()) {
        if (!account.disabled)
            result.append(profileOf(account));
    }
    return result;
}

Result<QString> LocalProfileStore::checkedName(const QString &name, qint64 exceptUserId)
{
    const QString trimmed = name.simplified();
    if (trimmed.isEmpty())
        return makeError(ErrorCode::BadRequest, u"Give the profile a name."_s);
    if (trimmed.size() > kMaxProfileNameLength)
        return makeError(
            ErrorCode::BadRequest, u"A profile name has at most %1 characters."_s.arg(kMaxProfileNameLength));
    auto existing = profiles();
    if (!existing)
        return existing.error();
    for (const Profile &profile : existing.value()) {
        if (profile.userId != exceptUserId && profile.name.compare(trimmed, Qt::CaseInsensitive) == 0)
            return makeError(
                ErrorCode::UsernameTaken, u"A profile named “%1” already exists."_s.arg(profile.name));
    }
    return trimmed;
}

Result<Profile> LocalProfileStore::createProfile(const QString &name, const QString &password)
{
    auto displayName = checkedName(name, 0);
    if (!displayName)
        return displayName.error();
    auto accounts = m_backend.accounts().list(); // disabled ones too: their usernames are taken
    if (!accounts)
        return accounts.error();
    QStringList taken;
    for (const Account &account : accounts.value())
        taken.append(account.username);
    Registration registration;
    registration.username = usernameFor(displayName.value(), taken);
    registration.password = password;
    registration.name = displayName.value();
    // Accounts need a unique address; a local profile has none, so it gets a reserved one (RFC 2606).
    registration.email = registration.username + u"@local.invalid"_s;
    auto account = m_backend.accounts().registerLocalProfile(registration);
    if (!account)
        return account.error();
    return profileOf(account.value());
}

Result<void> LocalProfileStore::checkPassword(const Profile &profile, const QString &password)
{
    auto account = m_backend.accounts().authenticate(profile.username, password);
    if (!account)
        return account.error();
    if (account->id != profile.userId)
        return makeError(ErrorCode::BadCredentials, u"wrong password"_s);
    return {};
}

Result<Profile> LocalProfileStore::renameProfile(const Profile &profile, const QString &name)
{
    auto displayName = checkedName(name, profile.userId);
    if (!displayName)
        return displayName.error();
    if (auto renamed = m_backend.accounts().setName(profile.userId, displayName.value()); !renamed)
        return renamed.error();
    Profile result = profile;
    result.name = displayName.value();
    return result;
}

Result<void> LocalProfileStore::deleteProfile(const Profile &profile)
{
    return m_backend.accounts().removeUser(profile.userId);
}

std::shared_ptr<CollectionClient> LocalProfileStore::open(const Profile &profile)
{
    return std::make_shared<LocalCollectionClient>(m_backend, profile.userId, profile.name);
}

QString LocalProfileStore::dataDirectory() const
{
    return m_backend.context().dataDir;
}

QString LocalProfileStore::usernameFor(const QString &name, const QStringList &taken)
{
    QString base;
    for (const QChar c : name.normalized(QString::NormalizationForm_KD)) {
        if (c.isMark())
            continue; // the accent of a decomposed "í"
        if (c.unicode() < 128 && (c.isLetterOrNumber() || c == u'.' || c == u'_' || c == u'-'))
            base.append(c.toLower());
        else if ((c.isSpace() || c.isPunct()) && !base.endsWith(u'-'))
            base.append(u'-');
    }
    while (base.startsWith(u'-') || base.endsWith(u'-'))
        base = base.startsWith(u'-') ? base.mid(1) : base.chopped(1);
    base = base.left(credentialrules::kMaxUsernameLength - 4);
    if (base.size() < credentialrules::kMinUsernameLength)
        base = u"profile"_s;
    QString candidate = base;
    for (int n = 2; taken.contains(candidate, Qt::CaseInsensitive); ++n)
        candidate = base + u'-' + QString::number(n);
    return candidate;
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
