#pragma once

#include "profilestore.h"

#include <mutex>

namespace javumbo::gui {

// The remote profiles this app knows, in a small JSON file of the data
// directory (remote-profiles.json): name, server URL, username and the
// server's user id of each; never a password or a token. A profile is known
// by its key() (username and server). Thread-safe within the process.
class RemoteProfileList
{
public:
    explicit RemoteProfileList(QString path);

    static QString pathIn(const QString &dataDirectory);
    // A server address as typed ("https://class.example.org/", "10.0.0.5:8700") in the form profiles
    // keep: http or https (http when none is given), a host, no path; an empty URL when it is not one.
    static QUrl normalizedServerUrl(const QString &typed);

    Result<QList<Profile>> list() const;
    // UsernameTaken when the same account on the same server is listed already.
    Result<void> add(const Profile &profile);
    // Replaces the entry with the same key (a new name, the user id once known).
    Result<void> update(const Profile &profile);
    Result<void> remove(const Profile &profile);

private:
    Result<QList<Profile>> read() const;
    Result<void> write(const QList<Profile> &profiles) const;

    const QString m_path;
    mutable std::mutex m_mutex;
};

} // namespace javumbo::gui
