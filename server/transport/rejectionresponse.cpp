#include "rejectionresponse.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace javumbo::server {

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 400:
        return "Bad Request";
    case 411:
        return "Length Required";
    case 413:
        return "Payload Too Large";
    case 431:
        return "Request Header Fields Too Large";
    case 503:
        return "Service Unavailable";
    }
    return "Error";
}

} // namespace

QByteArray buildRejectionResponse(
    int status, const QString &code, const QString &message, const QString &requestId, int retryAfterSeconds)
{
    const QJsonObject error {{u"code"_s, code}, {u"message"_s, message}, {u"request_id"_s, requestId}};
    // Compact: QHttpServerResponder's own JSON writer indents (PLATFORM-NOTES.md §9); be consistent.
    const QByteArray body = QJsonDocument(QJsonObject {{u"error"_s, error}}).toJson(QJsonDocument::Compact);

    QByteArray response;
    response.reserve(256 + body.size());
    response += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
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
