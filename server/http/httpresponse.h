#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QJsonValue>
#include <QList>

namespace javumbo::server {

// A response as plain data, built on a worker thread and written on the
// server thread.
struct HttpResponse
{
    int status = 200;
    QByteArray contentType = "application/json";
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    ErrorCode errorCode = ErrorCode::Internal; // meaningful when status >= 400
    bool closeConnection = false; // ask the client to go (shutdown)

    static HttpResponse json(int status, const QJsonValue &value);
    static HttpResponse noContent();
    // docs/api.md's error envelope, with the status from the one table.
    static HttpResponse error(const Error &error, const QString &requestId);
    HttpResponse &withHeader(QByteArray name, QByteArray value);
    bool isError() const { return status >= 400; }
};

} // namespace javumbo::server
