#include "clientaddress.h"

#include <QByteArrayView>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace javumbo::server {

namespace {

// Every value of one header, in order, as one comma-separated list (RFC 9110 §5.3).
QList<QByteArray> listValues(const QList<std::pair<QByteArray, QByteArray>> &headers, QByteArrayView name)
{
    QList<QByteArray> values;
    for (const auto &[key, value] : headers) {
        if (key == name) {
            for (const QByteArray &item : value.split(','))
                values.append(item.trimmed());
        }
    }
    return values;
}

bool hasHeader(const QList<std::pair<QByteArray, QByteArray>> &headers, QByteArrayView name)
{
    return std::any_of(headers.cbegin(), headers.cend(), [name](const auto &h) { return h.first == name; });
}

// An address as forwarding headers write it: "192.0.2.1", "192.0.2.1:4711", "[2001:db8::1]",
// "[2001:db8::1]:4711" or a bare IPv6 address. Anything else ("unknown", "_hidden") is none.
std::optional<QHostAddress> parseNode(QByteArrayView text)
{
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"')
        text = text.sliced(1, text.size() - 2);
    if (text.startsWith('[')) {
        const qsizetype close = text.indexOf(']');
        if (close < 0)
            return std::nullopt;
        text = text.sliced(1, close - 1);
    } else if (text.count(':') == 1) {
        text = text.first(text.indexOf(':'));
    }
    QHostAddress address;
    if (text.isEmpty() || !address.setAddress(QString::fromLatin1(text)))
        return std::nullopt;
    return address;
}

// The `for=` parameter of one Forwarded element; an element without one names nobody.
QByteArray forwardedFor(const QByteArray &element)
{
    for (const QByteArray &pair : element.split(';')) {
        const QByteArray trimmed = pair.trimmed();
        if (trimmed.size() > 4 && trimmed.first(4).compare("for=", Qt::CaseInsensitive) == 0)
            return trimmed.mid(4);
    }
    return {};
}

// The hops a trusted peer reports, nearest last (as each proxy appends the one it saw).
QList<QByteArray> forwardingChain(const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    if (hasHeader(headers, "forwarded")) {
        QList<QByteArray> chain;
        for (const QByteArray &element : listValues(headers, "forwarded"))
            chain.append(forwardedFor(element));
        return chain;
    }
    if (hasHeader(headers, "x-forwarded-for"))
        return listValues(headers, "x-forwarded-for");
    return listValues(headers, "x-real-ip").mid(0, 1);
}

} // namespace

bool TrustedProxies::add(const QString &spec, QString *error)
{
    const QString text = spec.trimmed();
    std::pair<QHostAddress, int> subnet;
    if (text.contains(u'/')) {
        subnet = QHostAddress::parseSubnet(text);
    } else if (QHostAddress address; address.setAddress(text)) {
        subnet = {address, address.protocol() == QAbstractSocket::IPv4Protocol ? 32 : 128};
    }
    if (subnet.first.isNull()) {
        *error = u"\"%1\" is not an IP address or a CIDR subnet"_s.arg(spec);
        return false;
    }
    m_subnets.append(subnet);
    return true;
}

bool TrustedProxies::contains(const QHostAddress &address) const
{
    return std::any_of(m_subnets.cbegin(), m_subnets.cend(),
        [&address](const auto &subnet) { return address.isInSubnet(subnet.first, subnet.second); });
}

bool ClientAddress::isLocal() const
{
    return address.isLoopback() && (!forwarded || named);
}

ClientAddress ClientAddress::resolve(const QHostAddress &peer,
    const QList<std::pair<QByteArray, QByteArray>> &headers, const TrustedProxies &proxies)
{
    ClientAddress client;
    client.address = peer;
    client.forwarded = hasHeader(headers, "forwarded") || hasHeader(headers, "x-forwarded-for")
        || hasHeader(headers, "x-real-ip");
    if (!client.forwarded || !proxies.contains(peer))
        return client;
    // From the nearest hop outwards: every trusted proxy passes the question on to the hop it saw.
    const QList<QByteArray> chain = forwardingChain(headers);
    for (auto hop = chain.crbegin(); hop != chain.crend(); ++hop) {
        const std::optional<QHostAddress> address = parseNode(*hop);
        if (!address) {
            client.named = false; // unnamed: the trusted hop that reported it is all we know
            return client;
        }
        client.address = *address;
        client.named = true;
        if (!proxies.contains(*address))
            return client;
    }
    return client;
}

} // namespace javumbo::server
