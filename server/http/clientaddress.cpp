#include "clientaddress.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace javumbo::server {

namespace {

bool isTrusted(const QHostAddress &address, const QList<QHostAddress> &trustedProxies)
{
    return std::any_of(trustedProxies.cbegin(), trustedProxies.cend(), [&address](const QHostAddress &proxy) {
        return proxy.isEqual(address, QHostAddress::TolerantConversion);
    });
}

// Every value of a header that may be repeated, in order, joined by commas
// as RFC 9110 §5.3 allows.
QByteArray joinedHeader(const HttpRequest &request, QByteArrayView name)
{
    QByteArray joined;
    for (const auto &[key, value] : request.headers) {
        if (name.compare(key, Qt::CaseInsensitive) != 0)
            continue;
        if (!joined.isEmpty())
            joined += ',';
        joined += value;
    }
    return joined;
}

// The hops a forwarding header names, nearest the client first. Forwarded
// (RFC 7239) writes `for=192.0.2.1`, `for="[2001:db8::1]:4711"`; ports are dropped.
QList<QHostAddress> forwardedHops(const HttpRequest &request)
{
    QList<QHostAddress> hops;
    if (const QByteArray forwardedFor = joinedHeader(request, "x-forwarded-for"); !forwardedFor.isEmpty()) {
        for (const QByteArray &part : forwardedFor.split(','))
            hops.append(QHostAddress(QString::fromLatin1(part.trimmed())));
        return hops;
    }
    static const QRegularExpression forElement(
        uR"((?:^|[;,\s])for\s*=\s*"?\[?([0-9A-Fa-f.:]+))"_s, QRegularExpression::CaseInsensitiveOption);
    const QString forwarded = QString::fromLatin1(joinedHeader(request, "forwarded"));
    for (const QString &element : forwarded.split(u',')) {
        const QRegularExpressionMatch match = forElement.match(element);
        QString host = match.hasMatch() ? match.captured(1) : QString();
        // An IPv4 address with a port ("192.0.2.1:4711"): one colon, and a dot before it.
        if (host.count(u':') == 1 && host.contains(u'.'))
            host.truncate(host.indexOf(u':'));
        hops.append(QHostAddress(host));
    }
    return hops;
}

} // namespace

QHostAddress clientAddress(const HttpRequest &request, const QList<QHostAddress> &trustedProxies)
{
    QHostAddress address = request.remoteAddress;
    if (!isTrusted(address, trustedProxies))
        return address;
    const QList<QHostAddress> hops = forwardedHops(request);
    // From the right: each trusted proxy vouches for the hop before it; the
    // first hop that is not a trusted proxy is the client. An unreadable hop
    // stops the walk at the last address known to be true.
    for (auto hop = hops.crbegin(); hop != hops.crend(); ++hop) {
        if (hop->isNull())
            break;
        address = *hop;
        if (!isTrusted(address, trustedProxies))
            break;
    }
    return address;
}

} // namespace javumbo::server
