#pragma once

#include <QByteArray>
#include <QString>

namespace javumbo::server {

// The complete HTTP/1.1 answer the guard writes itself when it refuses a request or a
// connection: docs/api.md's error envelope, X-Request-Id, and Connection: close, because the guard
// closes the connection after it. retryAfterSeconds > 0 adds Retry-After; http10 answers an
// HTTP/1.0 request with an HTTP/1.0 status line.
QByteArray buildRejectionResponse(int status, const QString &code, const QString &message,
    const QString &requestId, int retryAfterSeconds = 0, bool http10 = false);

} // namespace javumbo::server
