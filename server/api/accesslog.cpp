#include "accesslog.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace javumbo::server {

AccessLog::AccessLog(LogFormat format, QString filePath) : m_format(format), m_filePath(std::move(filePath))
{ }

Result<void> AccessLog::open()
{
    if (m_filePath.isEmpty()) {
        if (!m_file.open(stderr, QIODevice::WriteOnly | QIODevice::Unbuffered))
            return makeError(ErrorCode::StorageUnavailable, u"cannot write the access log to stderr"_s);
        return {};
    }
    m_file.setFileName(m_filePath);
    // Append (which seeks) only on regular files: /dev/null or a pipe cannot seek.
    const QFileInfo info(m_filePath);
    const QIODevice::OpenMode mode
        = !info.exists() || info.isFile() ? QIODevice::WriteOnly | QIODevice::Append : QIODevice::WriteOnly;
    if (!m_file.open(mode | QIODevice::Text))
        return makeError(ErrorCode::StorageUnavailable,
            u"cannot open the log file %1: %2"_s.arg(m_filePath, m_file.errorString()));
    return {};
}

QString AccessLog::format(const AccessLogEntry &entry, LogFormat format)
{
    const QString time = QDateTime::fromMSecsSinceEpoch(entry.timeMs, Qt::UTC).toString(Qt::ISODateWithMs);
    if (format == LogFormat::Json) {
        QJsonObject line {
            {u"time"_s, time},
            {u"request_id"_s, entry.requestId},
            {u"remote"_s, entry.remoteAddress},
            {u"user_id"_s, entry.userId},
            {u"method"_s, entry.method},
            {u"route"_s, entry.route},
            {u"status"_s, entry.status},
            {u"duration_ms"_s, qRound(entry.durationMs * 1000) / 1000.0},
            {u"lock_wait_ms"_s, qRound(entry.lockWaitMs * 1000) / 1000.0},
        };
        if (!entry.peerAddress.isEmpty())
            line.insert(u"peer"_s, entry.peerAddress);
        if (!entry.errorCode.isEmpty())
            line.insert(u"error"_s, entry.errorCode);
        return QString::fromUtf8(QJsonDocument(line).toJson(QJsonDocument::Compact));
    }
    return u"%1 %2 %3 user=%4 %5 %6 %7 %8ms lock_wait=%9ms%10"_s
        .arg(time, entry.requestId,
            entry.peerAddress.isEmpty() ? entry.remoteAddress
                                        : entry.remoteAddress % u" via "_s % entry.peerAddress)
        .arg(entry.userId)
        .arg(entry.method, entry.route)
        .arg(entry.status)
        .arg(entry.durationMs, 0, 'f', 3)
        .arg(entry.lockWaitMs, 0, 'f', 3)
        .arg(entry.errorCode.isEmpty() ? QString() : u" error="_s % entry.errorCode);
}

void AccessLog::write(const AccessLogEntry &entry)
{
    if (!m_file.isOpen())
        return;
    m_file.write((format(entry, m_format) % u'\n').toUtf8());
}

void AccessLog::flush()
{
    if (m_file.isOpen())
        m_file.flush();
}

} // namespace javumbo::server
