#include "remoteprofilelist.h"

#include "jsonfile.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

RemoteProfileList::RemoteProfileList(QString path) : m_path(std::move(path)) { }

QString RemoteProfileList::pathIn(const QString &dataDirectory)
{
    return QDir(dataDirectory).filePath(u"remote-profiles.json"_s);
}

QUrl RemoteProfileList::normalizedServerUrl(const QString &typed)
{
    QString text = typed.trimmed();
    if (!text.contains(u"://"_s))
        text.prepend(u"http://"_s); // "10.0.0.5:8700", as a teacher writes it on the board
    QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() || (scheme != u"http"_s && scheme != u"https"_s))
        return {};
    url.setScheme(scheme);
    url.setPath({}); // "/", "/api/v1" or the study page's "/study": the server is the origin
    url.setQuery(QString());
    url.setFragment({});
    url.setUserInfo({});
    return url;
}

Result<QList<Profile>> RemoteProfileList::read() const
{
    QFile file(m_path);
    if (!file.exists())
        return QList<Profile> {};
    if (!file.open(QIODevice::ReadOnly))
        return makeError(
            ErrorCode::StorageUnavailable, u"cannot read %1: %2"_s.arg(m_path, file.errorString()));
    QList<Profile> profiles;
    const QJsonArray entries
        = QJsonDocument::fromJson(file.readAll()).object().value(u"profiles"_s).toArray();
    for (const QJsonValue &value : entries) {
        const QJsonObject entry = value.toObject();
        Profile profile;
        profile.kind = ProfileKind::Remote;
        profile.name = entry.value(u"name"_s).toString();
        profile.username = entry.value(u"username"_s).toString();
        profile.serverUrl = QUrl(entry.value(u"server_url"_s).toString());
        profile.userId = entry.value(u"user_id"_s).toInteger();
        if (!profile.username.isEmpty() && profile.serverUrl.isValid())
            profiles.append(profile);
    }
    return profiles;
}

Result<void> RemoteProfileList::write(const QList<Profile> &profiles) const
{
    QJsonArray entries;
    for (const Profile &profile : profiles) {
        entries.append(QJsonObject {{u"name"_s, profile.name}, {u"username"_s, profile.username},
            {u"server_url"_s, profile.serverUrl.toString()}, {u"user_id"_s, profile.userId}});
    }
    return writeJsonFile(m_path, QJsonObject {{u"profiles"_s, entries}}, FileAccess::Default);
}

Result<QList<Profile>> RemoteProfileList::list() const
{
    std::lock_guard lock(m_mutex);
    return read();
}

Result<void> RemoteProfileList::add(const Profile &profile)
{
    std::lock_guard lock(m_mutex);
    auto profiles = read();
    if (!profiles)
        return profiles.error();
    for (const Profile &listed : profiles.value()) {
        if (listed.key() == profile.key())
            return makeError(ErrorCode::UsernameTaken,
                u"%1 on %2 is already a profile here (“%3”)."_s.arg(
                    profile.username, profile.serverUrl.toString(), listed.name));
    }
    profiles.value().append(profile);
    return write(profiles.value());
}

Result<void> RemoteProfileList::update(const Profile &profile)
{
    std::lock_guard lock(m_mutex);
    auto profiles = read();
    if (!profiles)
        return profiles.error();
    for (Profile &listed : profiles.value()) {
        if (listed.key() == profile.key())
            listed = profile;
    }
    return write(profiles.value());
}

Result<void> RemoteProfileList::remove(const Profile &profile)
{
    std::lock_guard lock(m_mutex);
    auto profiles = read();
    if (!profiles)
        return profiles.error();
    profiles.value().removeIf([&profile](const Profile &listed) { return listed.key() == profile.key(); });
    return write(profiles.value());
}

} // namespace javumbo::gui
