#pragma once

#include <QByteArrayView>
#include <QString>

namespace javumbo::server {

// A fresh X-Request-Id: 16 random bytes as 32 lowercase hex characters.
QString generateRequestId();

// Whether a client's X-Request-Id may be echoed (docs/api.md: 1-64 characters of [A-Za-z0-9._-]).
bool isValidRequestId(QByteArrayView value);

} // namespace javumbo::server
