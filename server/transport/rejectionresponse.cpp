#include "rejectionresponse.h"

#include "httpstatus.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace javumbo::server {

QByteArray buildRejectionResponse(int status, const QString &code, const QString &message,
    const QString &requestId, int retryAfterSeconds, bool http10)
{
    const QJsonObject error {{u"code"_s, code}, {u"message"_s, message}, {u"request_id"_s, requestId}};
    // Compact: QHttpServerResponder's own JSON writer indents (docs/platform-notes.md §9); be consistent.
    const QByteArray body = QJsonDocument(QJsonObject {{u"error"_s, error}}).toJson(QJsonDocument::Compact);

    QByteArray response;
    response.reserve(256 + body.size());
    response += statusLine(status, http10);
    response += "Content-Type: application/json\r\n";
    response += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    response += "Connection: close\r\n";
    response += "X-Request-Id: " + requestId.toLatin1() + "\r\n";
    if (retryAfterSeconds > 0)
        response += "Retry-After: " + QByteArray::number(retryAfterSeconds) + "\r\n";
    response += "\r\n";
    response += body;
    return response;
}

} // namespace javumbo::server
