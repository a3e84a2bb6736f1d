#include "appprofilestore.h"

#include "remote/remotecollectionclient.h"
#include "remote/remotesession.h"

using namespace Qt::StringLiterals;

namespace javumbo::gui {

namespace {

RemoteEndpoint endpointOf(const Profile &profile)
{
    return RemoteEndpoint {profile.serverUrl, profile.username};
}

// A session for one step of the store (connect, sign out): nobody answers a sign-in request there,
// so a 401 fails at once instead of waiting for a dialog.
std::unique_ptr<RemoteSession> oneShotSession(const Profile &profile, const QString &token)
{
    RemoteSession::Options options;
    options.signInWait = std::chrono::milliseconds(0);
    return std::make_unique<RemoteSession>(endpointOf(profile), token, options);
}

Error notForRemote(const QString &what)
{
    return makeError(ErrorCode::BadRequest, u"A profile on a server %1."_s.arg(what));
}

} // namespace

AppProfileStore::AppProfileStore(ProfileStore &local, std::unique_ptr<TokenStore> tokens)
    : m_local(local), m_tokens(std::move(tokens)), m_remote(RemoteProfileList::pathIn(local.dataDirectory()))
{ }

AppProfileStore::~AppProfileStore() = default;

QString AppProfileStore::tokenAccount(const Profile &profile)
{
    return u"%1@%2"_s.arg(profile.username, profile.serverUrl.toString());
}

Result<QList<Profile>> AppProfileStore::profiles()
{
    auto local = m_local.profiles();
    if (!local)
        return local.error();
    auto remote = m_remote.list();
    if (!remote)
        return remote.error();
    QList<Profile> result = local.value();
    for (Profile profile : remote.value()) {
        auto token = m_tokens->load(tokenAccount(profile));
        profile.hasPassword = !token || !token->has_value(); // no token: the password opens it
        result.append(profile);
    }
    return result;
}

Result<Profile> AppProfileStore::createProfile(const QString &name, const QString &password)
{
    return m_local.createProfile(name, password);
}

Result<void> AppProfileStore::checkPassword(const Profile &profile, const QString &password)
{
    if (!profile.isRemote())
        return m_local.checkPassword(profile, password);
    // The password dialog before a signed-out remote profile opens: checking it is signing in.
    auto token = signIn(profile, password);
    if (!token)
        return token.error();
    return {};
}

Result<Profile> AppProfileStore::renameProfile(const Profile &profile, const QString &name)
{
    if (!profile.isRemote())
        return m_local.renameProfile(profile, name);
    const QString trimmed = name.simplified();
    if (trimmed.isEmpty() || trimmed.size() > kMaxProfileNameLength)
        return makeError(
            ErrorCode::BadRequest, u"A profile name has 1 to %1 characters."_s.arg(kMaxProfileNameLength));
    Profile renamed = profile;
    renamed.name = trimmed; // only here: the account's name on the server stays
    if (auto updated = m_remote.update(renamed); !updated)
        return updated.error();
    return renamed;
}

Result<void> AppProfileStore::deleteProfile(const Profile &profile)
{
    if (!profile.isRemote())
        return m_local.deleteProfile(profile);
    // Removing a remote profile leaves the account and its cards on the server.
    (void)signOut(profile);
    return m_remote.remove(profile);
}

std::shared_ptr<CollectionClient> AppProfileStore::open(const Profile &profile)
{
    if (!profile.isRemote())
        return m_local.open(profile);
    auto token = m_tokens->load(tokenAccount(profile));
    const QString kept = token && token->has_value() ? token->value() : QString();
    auto session = std::make_shared<RemoteSession>(endpointOf(profile), kept);
    return std::make_shared<RemoteCollectionClient>(std::move(session), profile.name);
}

QString AppProfileStore::dataDirectory() const
{
    return m_local.dataDirectory();
}

Result<ProfileBackup> AppProfileStore::backUp(const Profile &profile)
{
    if (profile.isRemote())
        return notForRemote(u"is backed up by its server"_s);
    return m_local.backUp(profile);
}

Result<QList<ProfileBackup>> AppProfileStore::backups(const Profile &profile)
{
    if (profile.isRemote())
        return QList<ProfileBackup> {};
    return m_local.backups(profile);
}

Result<void> AppProfileStore::restore(const Profile &profile, const QString &backupPath)
{
    if (profile.isRemote())
        return notForRemote(u"is restored by its server's administrator"_s);
    return m_local.restore(profile, backupPath);
}

Result<Profile> AppProfileStore::addRemoteProfile(
    const QUrl &serverUrl, const QString &username, const QString &password)
{
    Profile profile;
    profile.kind = ProfileKind::Remote;
    profile.serverUrl = RemoteProfileList::normalizedServerUrl(serverUrl.toString());
    profile.username = username.trimmed();
    if (profile.serverUrl.isEmpty())
        return makeError(
            ErrorCode::BadRequest, u"Give the server's address, starting with http:// or https://."_s);
    if (profile.username.isEmpty())
        return makeError(ErrorCode::BadRequest, u"Give your username on the server."_s);
    profile.name = u"%1 on %2"_s.arg(profile.username, profile.serverUrl.host());
    auto listed = m_remote.list();
    if (!listed)
        return listed.error();
    for (const Profile &other : listed.value()) {
        if (other.key() == profile.key())
            return makeError(ErrorCode::UsernameTaken, u"“%1” is that account already."_s.arg(other.name));
    }
    auto token = RemoteSession::signIn(profile.serverUrl, profile.username, password);
    if (!token)
        return token.error();
    // Before the profile is listed: the server speaks our API version, and its user id.
    auto session = oneShotSession(profile, token.value());
    if (auto connected = session->connectToServer(); !connected) {
        (void)session->signOut();
        return connected.error();
    }
    profile.userId = session->userId();
    if (auto saved = m_tokens->save(tokenAccount(profile), token.value()); !saved) {
        (void)session->signOut();
        return saved.error();
    }
    if (auto added = m_remote.add(profile); !added)
        return added.error();
    return profile;
}

Result<QString> AppProfileStore::signIn(const Profile &profile, const QString &password)
{
    auto token = RemoteSession::signIn(profile.serverUrl, profile.username, password);
    if (!token)
        return token.error();
    if (auto saved = m_tokens->save(tokenAccount(profile), token.value()); !saved)
        return saved.error();
    return token.value();
}

Result<void> AppProfileStore::signOut(const Profile &profile)
{
    auto token = m_tokens->load(tokenAccount(profile));
    if (!token)
        return token.error();
    Result<void> revoked;
    if (token->has_value())
        revoked = oneShotSession(profile, token->value())->signOut();
    // Forgotten here even when the server was unreachable: the token expires there on its own.
    if (auto removed = m_tokens->remove(tokenAccount(profile)); !removed)
        return removed.error();
    return revoked;
}

} // namespace javumbo::gui
