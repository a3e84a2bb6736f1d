#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QString>
#include <QUrlQuery>

namespace javumbo::server {

// A plain copy of one HTTP request, safe to move to a worker thread
// (QHttpServerRequest is reused per connection and cannot be copied:
// docs/platform-notes.md §2).
struct HttpRequest
{
    QByteArray method; // "GET", "POST", ...
    QString path; // decoded path, no query
    QUrlQuery query;
    QList<std::pair<QByteArray, QByteArray>> headers; // names lower-cased
    QByteArray body;
    QHostAddress remoteAddress; // the TCP peer; who the client is: ClientAddress::resolve

    // The first value of a header (case-insensitive name), or an empty array.
    QByteArray header(QByteArrayView name) const;
};

} // namespace javumbo::server
