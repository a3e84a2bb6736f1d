#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QList>
#include <QString>

#include <utility>

namespace javumbo::gui {

// One request of docs/api.md, relative to /api/v1.
struct RemoteRequest
{
    QByteArray method = "GET";
    QString path; // e.g. u"/cards/17"_s, query included
    QByteArray body; // JSON; sent with Content-Type: application/json when not empty
    QList<std::pair<QByteArray, QByteArray>> headers; // If-Match, Idempotency-Key
    // Safe to send again after a reply was lost (GET; a POST with an
    // Idempotency-Key): the session then retries by itself.
    bool repeatable = false;
    bool authenticated = true; // false: /health, /login
    // The largest answer taken (RemoteTransport::send): JSON answers are far
    // below it; downloads (exports, media) set their own.
    qint64 maxReplyBytes = kMaxJsonReplyBytes;

    static constexpr qint64 kMaxJsonReplyBytes = 64LL * 1024 * 1024;
    // An export or a media file: the server takes uploads up to 100 MiB, and a
    // whole collection's export may be larger than any one upload.
    static constexpr qint64 kMaxDownloadBytes = 1024LL * 1024 * 1024;
};

// A 2xx reply.
struct RemoteReply
{
    int status = 0;
    QList<std::pair<QByteArray, QByteArray>> headers; // names lower-cased
    QByteArray body;

    QByteArray header(QByteArrayView name) const;
    QJsonDocument json() const;
};

} // namespace javumbo::gui
