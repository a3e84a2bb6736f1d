#pragma once

#include "common/errorcode.h"

#include <QByteArray>

namespace javumbo::server {

// The one table that maps an error code to its HTTP status (docs/api.md).
int httpStatusFor(ErrorCode code);

// "Not Found" for 404: the reason phrases of RFC 9110 for every status the server sends.
QByteArray reasonPhrase(int status);
// "HTTP/1.1 404 Not Found\r\n", or HTTP/1.0 when answering an HTTP/1.0 request.
QByteArray statusLine(int status, bool http10 = false);

} // namespace javumbo::server
