#pragma once

#include <QHostAddress>
#include <QList>
#include <QUrl>

namespace javumbo::gui {

// The URLs other devices can use for a server listening at `listening`.
// A wildcard bind (0.0.0.0, ::) is no address anyone can type: it becomes
// this machine's own addresses, network ones first, loopback last. Any other
// address is itself.
QList<QUrl> reachableUrls(const QUrl &listening, const QList<QHostAddress> &machineAddresses);
// The same with the machine's addresses (QNetworkInterface::allAddresses()).
QList<QUrl> reachableUrls(const QUrl &listening);

} // namespace javumbo::gui
