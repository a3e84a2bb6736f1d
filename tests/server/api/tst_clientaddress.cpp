// ClientAddress::resolve: the one place that decides who a request comes from (issue 14).
#include "http/clientaddress.h"

#include <QTest>

using namespace Qt::StringLiterals;
using javumbo::server::ClientAddress;
using javumbo::server::TrustedProxies;

using Headers = QList<std::pair<QByteArray, QByteArray>>;
Q_DECLARE_METATYPE(Headers)

class TestClientAddress : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resolve_data()
    {
        QTest::addColumn<QString>("peer");
        QTest::addColumn<QStringList>("proxies");
        QTest::addColumn<Headers>("headers");
        QTest::addColumn<QString>("client");
        QTest::addColumn<bool>("local");
        const QStringList none;
        const QStringList lan {u"10.0.0.0/8"_s, u"127.0.0.1"_s};
        QTest::newRow("direct, nothing forwarded")
            << u"198.51.100.4"_s << none << Headers {} << u"198.51.100.4"_s << false;
        QTest::newRow("loopback, nothing forwarded")
            << u"127.0.0.1"_s << none << Headers {} << u"127.0.0.1"_s << true;
        QTest::newRow("untrusted peer's header is ignored")
            << u"198.51.100.4"_s << none << Headers {{"x-forwarded-for", "203.0.113.9"}} << u"198.51.100.4"_s
            << false;
        QTest::newRow("untrusted loopback peer that forwards is remote")
            << u"127.0.0.1"_s << none << Headers {{"x-real-ip", "127.0.0.1"}} << u"127.0.0.1"_s << false;
        QTest::newRow("trusted proxy: last untrusted hop")
            << u"10.0.0.2"_s << lan << Headers {{"x-forwarded-for", "192.0.2.1, 203.0.113.9, 10.0.0.7"}}
            << u"203.0.113.9"_s << false;
        QTest::newRow("two header fields form one list")
            << u"10.0.0.2"_s << lan
            << Headers {{"x-forwarded-for", "203.0.113.9"}, {"x-forwarded-for", "10.0.0.7"}}
            << u"203.0.113.9"_s << false;
        QTest::newRow("Forwarded wins, with port and IPv6")
            << u"10.0.0.2"_s << lan
            << Headers {{"x-forwarded-for", "192.0.2.1"},
                   {"forwarded", "for=192.0.2.60;proto=http, for=\"[2001:db8:cafe::17]:4711\""}}
            << u"2001:db8:cafe::17"_s << false;
        QTest::newRow("trusted proxy names a local client")
            << u"127.0.0.1"_s << lan << Headers {{"forwarded", "for=127.0.0.1:5555"}} << u"127.0.0.1"_s
            << true;
        QTest::newRow("unknown hop: the proxy is all we know")
            << u"10.0.0.2"_s << lan << Headers {{"forwarded", "for=unknown"}} << u"10.0.0.2"_s << false;
        QTest::newRow("empty header from a trusted proxy")
            << u"127.0.0.1"_s << lan << Headers {{"x-forwarded-for", ""}} << u"127.0.0.1"_s << false;
        QTest::newRow("X-Real-IP from a trusted proxy")
            << u"10.0.0.2"_s << lan << Headers {{"x-real-ip", "203.0.113.9"}} << u"203.0.113.9"_s << false;
    }
    void resolve()
    {
        QFETCH(QString, peer);
        QFETCH(QStringList, proxies);
        QFETCH(Headers, headers);
        QFETCH(QString, client);
        QFETCH(bool, local);
        TrustedProxies trusted;
        QString error;
        for (const QString &proxy : std::as_const(proxies))
            QVERIFY(trusted.add(proxy, &error));
        const ClientAddress resolved = ClientAddress::resolve(QHostAddress(peer), headers, trusted);
        QCOMPARE(resolved.address, QHostAddress(client));
        QCOMPARE(resolved.isLocal(), local);
    }

    void trustedProxies_refuseWhatIsNoAddress()
    {
        TrustedProxies proxies;
        QString error;
        QVERIFY(!proxies.add(u"proxy.example.org"_s, &error));
        QVERIFY(error.contains(u"proxy.example.org"_s));
        QVERIFY(!proxies.add(u"10.0.0.0/40"_s, &error));
        QVERIFY(proxies.add(u"::1"_s, &error));
        QVERIFY(proxies.contains(QHostAddress(u"::1"_s)));
        QVERIFY(!proxies.contains(QHostAddress(u"::2"_s)));
    }
};

QTEST_GUILESS_MAIN(TestClientAddress)
#include "tst_clientaddress.moc"
