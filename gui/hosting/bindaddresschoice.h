#pragma once

#include <QComboBox>
#include <QHostAddress>
#include <QList>
#include <QNetworkInterface>

namespace javumbo::gui {

// Where the embedded server listens, as a teacher thinks of it: this
// computer only (127.0.0.1), one network of this machine (each interface
// with its address, from QNetworkInterface), or every network (0.0.0.0).
// An address set from elsewhere that is none of these is kept as "Other".
class BindAddressChoice : public QComboBox
{
    Q_OBJECT
public:
    explicit BindAddressChoice(QWidget *parent = nullptr);
    // For tests: the interfaces to offer instead of the machine's.
    BindAddressChoice(const QList<QNetworkInterface> &interfaces, QWidget *parent);

    QString address() const;
    void setAddress(const QString &address);

    // The addresses of `interfaces` a server can listen on and another
    // device can reach: up, not loopback, IPv4 or a routable IPv6.
    static QList<std::pair<QString, QHostAddress>> networkAddresses(
        const QList<QNetworkInterface> &interfaces);

private:
    void fill(const QList<QNetworkInterface> &interfaces);
};

} // namespace javumbo::gui
