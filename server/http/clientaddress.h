#pragma once

#include "httprequest.h"

#include <QHostAddress>
#include <QList>

namespace javumbo::server {

// The address of the client a request comes from, for the login throttle.
// The TCP peer, unless the peer is a reverse proxy the admin named
// (`javumbo serve --trusted-proxy ADDR`): then the address that proxy put in
// X-Forwarded-For (or, without it, in a Forwarded `for=`), read from the
// right past any other trusted proxies. A forwarding header from anyone else
// is ignored: a client could otherwise pick a fresh address per guess.
QHostAddress clientAddress(const HttpRequest &request, const QList<QHostAddress> &trustedProxies);

} // namespace javumbo::server
