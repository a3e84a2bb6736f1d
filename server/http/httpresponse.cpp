#include "httpresponse.h"

#include "httpstatus.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace javumbo::server {

HttpResponse HttpResponse::json(int status, const QJsonValue &value)
{
    HttpResponse response;
    response.status = status;
    // Compact: QHttpServerResponder would indent (docs/platform-notes.md §9).
    response.body = value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                    : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    return response;
}

HttpResponse HttpResponse::noContent()
{
    HttpResponse response;
    response.status = 204;
    response.contentType.clear();
    return response;
}

HttpResponse HttpResponse::error(const Error &error, const QString &requestId)
{
    const QJsonObject envelope {{u"error"_s,
        QJsonObject {{u"code"_s, errorCodeName(error.code)}, {u"message"_s, error.message},
            {u"request_id"_s, requestId}}}};
    HttpResponse response = json(httpStatusFor(error.code), envelope);
    response.errorCode = error.code;
    return response;
}

HttpResponse &HttpResponse::withHeader(QByteArray name, QByteArray value)
{
    headers.append({std::move(name), std::move(value)});
    return *this;
}

} // namespace javumbo::server
