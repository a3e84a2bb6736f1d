#pragma once

#include "common/result.h"

#include <QFile>
#include <QString>

namespace javumbo::server {

enum class LogFormat
{
    Text,
    Json
};

// One line per request (docs/api.md: the request id appears in it).
struct AccessLogEntry
{
    qint64 timeMs = 0;
    QString requestId;
    QString remoteAddress; // the client: the TCP peer, or what a trusted proxy says (ClientAddress)
    QString peerAddress; // the TCP peer when it differs: the proxy the request came through
    qint64 userId = 0; // 0: anonymous
    QString method;
    QString route; // the route template, or the raw path when nothing matched
    int status = 0;
    double durationMs = 0;
    double lockWaitMs = 0;
    QString errorCode; // empty on success
};

// Writes access-log lines, text or JSON, to a file or stderr. Used from the
// server thread only, so it needs no lock.
class AccessLog
{
public:
    AccessLog(LogFormat format, QString filePath);
    Result<void> open();
    void write(const AccessLogEntry &entry);
    void flush();
    static QString format(const AccessLogEntry &entry, LogFormat format);

private:
    LogFormat m_format;
    QString m_filePath;
    QFile m_file;
};

} // namespace javumbo::server
