#include "bindaddresschoice.h"

using namespace Qt::StringLiterals;

namespace javumbo::gui {

BindAddressChoice::BindAddressChoice(QWidget *parent)
    : BindAddressChoice(QNetworkInterface::allInterfaces(), parent)
{ }

BindAddressChoice::BindAddressChoice(const QList<QNetworkInterface> &interfaces, QWidget *parent)
    : QComboBox(parent)
{
    setObjectName(u"bindAddress"_s);
    setToolTip(u"Where the server listens. This computer only: nobody else can connect. A network: the "
               "devices on it (a classroom's Wi-Fi). All networks: every address this computer has."_s);
    fill(interfaces);
}

QList<std::pair<QString, QHostAddress>> BindAddressChoice::networkAddresses(
    const QList<QNetworkInterface> &interfaces)
{
    QList<std::pair<QString, QHostAddress>> found;
    for (const QNetworkInterface &interface : interfaces) {
        const auto flags = interface.flags();
        if (!flags.testFlag(QNetworkInterface::IsUp) || flags.testFlag(QNetworkInterface::IsLoopBack))
            continue;
        for (const QNetworkAddressEntry &entry : interface.addressEntries()) {
            const QHostAddress address = entry.ip();
            if (address.isLoopback() || address.isLinkLocal() || address.isNull())
                continue; // a link-local address needs a scope a browser will not take
            found.append({interface.humanReadableName(), address});
        }
    }
    return found;
}

void BindAddressChoice::fill(const QList<QNetworkInterface> &interfaces)
{
    addItem(u"This computer only (127.0.0.1)"_s, u"127.0.0.1"_s);
    for (const auto &[name, address] : networkAddresses(interfaces))
        addItem(u"Network %1 (%2)"_s.arg(name, address.toString()), address.toString());
    addItem(u"All networks (0.0.0.0)"_s, u"0.0.0.0"_s);
}

QString BindAddressChoice::address() const
{
    return currentData().toString();
}

void BindAddressChoice::setAddress(const QString &address)
{
    int index = findData(address);
    if (index < 0) { // an address this machine no longer has (a saved setting), or typed elsewhere
        addItem(u"Other (%1)"_s.arg(address), address);
        index = count() - 1;
    }
    setCurrentIndex(index);
}

} // namespace javumbo::gui
