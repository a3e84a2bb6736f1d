#pragma once

#include "collection/records.h"
#include "common/result.h"
#include "remoterequest.h"

#include <QMutex>
#include <QSet>
#include <QString>
#include <QUrl>

#include <functional>

namespace javumbo::gui {

// The images a remote profile's cards show: fetched from GET /media
// (docs/api.md §7a) into a cache folder, before the card reaches a view, so
// the views read them from mediaDirectory() as they read a local profile's.
// A file the server does not have stays absent (the card shows no image, as
// locally) and is not asked for again. Thread-safe.
class RemoteMediaCache
{
public:
    using Send = std::function<Result<RemoteReply>(const RemoteRequest &)>;

    // The folder for this server and user, under the cache location.
    RemoteMediaCache(const QUrl &serverUrl, const QString &username);

    const QString &directory() const { return m_directory; }
    // Fetches what the cards' fields refer to and the folder lacks. Failures
    // leave the image out; they never fail the call that read the cards.
    void fetchFor(const QList<collection::CardRecord> &cards, const Send &send);

private:
    QString m_directory;
    QMutex m_mutex;
    QSet<QString> m_absent; // names the server answered 404 for
};

} // namespace javumbo::gui
