#include "remotemediacache.h"

#include "interop/mediafolder.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

RemoteMediaCache::RemoteMediaCache(const QUrl &serverUrl, const QString &username)
{
    // One folder per server and account: two profiles never see each other's files.
    const QByteArray key = QCryptographicHash::hash(
        (serverUrl.toString(QUrl::StripTrailingSlash) + u'\n' + username.toCaseFolded()).toUtf8(),
        QCryptographicHash::Sha256);
    m_directory = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + u"/remote-media/"_s
        + QString::fromLatin1(key.first(10).toHex());
    QDir().mkpath(m_directory);
}

void RemoteMediaCache::fetchFor(const QList<collection::CardRecord> &cards, const Send &send)
{
    QStringList wanted;
    for (const auto &card : cards) {
        for (const QString &field : {card.front, card.back}) {
            for (const QString &name : interop::mediafolder::referencesIn(field)) {
                if (interop::mediafolder::checkName(name) && !name.startsWith(u'.') && !wanted.contains(name)
                    && !QFileInfo::exists(QDir(m_directory).filePath(name)))
                    wanted.append(name);
            }
        }
    }
    for (const QString &name : std::as_const(wanted)) {
        {
            const QMutexLocker lock(&m_mutex);
            if (m_absent.contains(name))
                continue;
        }
        RemoteRequest request;
        request.path = u"/media?name="_s + QString::fromLatin1(QUrl::toPercentEncoding(name));
        request.repeatable = true;
        request.maxReplyBytes = RemoteRequest::kMaxDownloadBytes;
        auto reply = send(request);
        if (!reply) {
            if (reply.code() == ErrorCode::NotFound) {
                const QMutexLocker lock(&m_mutex);
                m_absent.insert(name);
            }
            continue;
        }
        QSaveFile file(QDir(m_directory).filePath(name));
        if (file.open(QIODevice::WriteOnly) && file.write(reply->body) == reply->body.size())
            file.commit();
    }
}

} // namespace javumbo::gui
