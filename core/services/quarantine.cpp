#include "quarantine.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace javumbo {

namespace {
Q_LOGGING_CATEGORY(lcQuarantine, "javumbo.storage")
}

QString Quarantine::markerPath(const QString &collectionPath)
{
    return collectionPath + u".quarantined"_s;
}

QString Quarantine::userMessage()
{
    return u"Your collection's file is damaged, so the server has stopped reading and writing it to protect "
           "what is left. Nothing you do now is saved. Please tell your administrator, who can restore it "
           "from a backup."_s;
}

bool Quarantine::contains(const QString &collectionPath)
{
    std::lock_guard guard(m_mutex);
    auto it = m_known.find(collectionPath);
    if (it == m_known.end())
        it = m_known.emplace(collectionPath, QFileInfo::exists(markerPath(collectionPath))).first;
    return it->second;
}

Error Quarantine::add(const QString &collectionPath, const QString &reason)
{
    bool fresh = false;
    {
        std::lock_guard guard(m_mutex);
        bool &known = m_known[collectionPath];
        fresh = !known;
        known = true;
    }
    if (fresh) {
        ++m_detections;
        qCCritical(lcQuarantine).noquote()
            << u"quarantined %1: %2. It will not be read or written again until an administrator "
               "restores it (javumbo restore --user)."_s.arg(collectionPath, reason);
        QFile marker(markerPath(collectionPath));
        const QJsonObject why {{u"file"_s, QFileInfo(collectionPath).fileName()}, {u"reason"_s, reason},
            {u"since"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}};
        // On a disk that refuses even this, the mark lives in memory until a restart.
        if (!marker.open(QIODevice::WriteOnly | QIODevice::Truncate)
            || marker.write(QJsonDocument(why).toJson()) < 0)
            qCWarning(lcQuarantine).noquote() << u"cannot write %1"_s.arg(marker.fileName());
    }
    return makeError(ErrorCode::StorageCorrupt, userMessage());
}

int Quarantine::size()
{
    std::lock_guard guard(m_mutex);
    return int(std::count_if(m_known.begin(), m_known.end(), [](const auto &entry) { return entry.second; }));
}

} // namespace javumbo
