#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QString>

#include <utility>

namespace javumbo::server {

// The reverse proxies whose forwarding headers are believed (`javumbo serve --trusted-proxy`):
// addresses and CIDR subnets. Empty by default: then no forwarding header is ever believed.
class TrustedProxies
{
public:
    // Adds "ADDRESS" or "ADDRESS/PREFIX" (IPv4 or IPv6); false, with *error set, when malformed.
    bool add(const QString &spec, QString *error);
    bool contains(const QHostAddress &address) const;
    bool isEmpty() const { return m_subnets.isEmpty(); }

private:
    QList<std::pair<QHostAddress, int>> m_subnets;
};

// Who sent a request, decided in one place (ClientAddress::resolve) for everything that keys on
// the client: /metrics' loopback access today, a per-address login throttle next.
struct ClientAddress
{
    // The client: the TCP peer, or, when the peer is a trusted proxy, the last address of the
    // forwarding chain that is not itself a trusted proxy. When that entry is not an address
    // ("unknown", an obfuscated name, garbage), the nearest trusted hop that reported it.
    QHostAddress address;
    // The request carries a forwarding header (Forwarded, X-Forwarded-For or X-Real-IP, even empty).
    bool forwarded = false;
    // A trusted proxy named `address` in a forwarding header.
    bool named = false;

    // On this machine: a loopback peer that forwarded nothing, or a trusted proxy that named a
    // loopback client. A forwarding header from anyone else makes the client remote, whatever the
    // peer: an untrusted proxy on loopback would otherwise make every client local.
    bool isLocal() const;

    // `headers` as HttpRequest holds them (names lower-cased). RFC 7239 `Forwarded` is read
    // when present, else X-Forwarded-For, else X-Real-IP.
    static ClientAddress resolve(const QHostAddress &peer,
        const QList<std::pair<QByteArray, QByteArray>> &headers, const TrustedProxies &proxies);
};

} // namespace javumbo::server
