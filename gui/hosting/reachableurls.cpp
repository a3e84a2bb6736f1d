#include "reachableurls.h"

#include <QNetworkInterface>

namespace javumbo::gui {

QList<QUrl> reachableUrls(const QUrl &listening, const QList<QHostAddress> &machineAddresses)
{
    const QHostAddress bound(listening.host());
    const bool anyIpv4 = bound == QHostAddress(QHostAddress::AnyIPv4);
    const bool anyIpv6
        = bound == QHostAddress(QHostAddress::AnyIPv6) || bound == QHostAddress(QHostAddress::Any);
    if (!anyIpv4 && !anyIpv6)
        return {listening};
    QList<QUrl> network;
    QList<QUrl> loopback;
    for (const QHostAddress &address : machineAddresses) {
        const bool ipv4 = address.protocol() == QHostAddress::IPv4Protocol;
        if ((anyIpv4 && !ipv4) || address.isLinkLocal() || address.isNull())
            continue; // a link-local address needs a scope a browser will not take
        QUrl url = listening;
        url.setHost(address.toString());
        (address.isLoopback() ? loopback : network).append(url);
    }
    if (network.isEmpty() && loopback.isEmpty()) {
        QUrl local = listening;
        local.setHost(QStringLiteral("127.0.0.1"));
        loopback.append(local);
    }
    return network + loopback;
}

QList<QUrl> reachableUrls(const QUrl &listening)
{
    return reachableUrls(listening, QNetworkInterface::allAddresses());
}

} // namespace javumbo::gui
