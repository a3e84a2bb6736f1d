// Which address the login throttle keys on: the TCP peer, or what a trusted
// reverse proxy says the client's is (server/http/clientaddress.h).
#include "http/clientaddress.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo::server;

using Headers = QList<std::pair<QByteArray, QByteArray>>;
Q_DECLARE_METATYPE(Headers)

class TestClientAddress : public QObject
{
    Q_OBJECT
private slots:
    void clientAddress_data()
    {
        QTest::addColumn<QString>("peer");
        QTest::addColumn<Headers>("headers");
        QTest::addColumn<QString>("expected");
        const QString proxy = u"10.0.0.2"_s;
        QTest::newRow("no proxy, no header") << u"192.0.2.1"_s << Headers {} << u"192.0.2.1"_s;
        QTest::newRow("untrusted peer's X-Forwarded-For is ignored")
            << u"192.0.2.1"_s << Headers {{"x-forwarded-for", "198.51.100.9"}} << u"192.0.2.1"_s;
        QTest::newRow("trusted proxy without a header") << proxy << Headers {} << proxy;
        QTest::newRow("trusted proxy, one hop")
            << proxy << Headers {{"x-forwarded-for", "198.51.100.9"}} << u"198.51.100.9"_s;
        QTest::newRow("a client-forged hop left of the real one")
            << proxy << Headers {{"x-forwarded-for", "1.2.3.4, 198.51.100.9"}} << u"198.51.100.9"_s;
        QTest::newRow("two trusted proxies in a row")
            << proxy << Headers {{"x-forwarded-for", "198.51.100.9, 10.0.0.3"}} << u"198.51.100.9"_s;
        QTest::newRow("repeated header lines join in order")
            << proxy << Headers {{"x-forwarded-for", "1.2.3.4"}, {"x-forwarded-for", "198.51.100.9"}}
            << u"198.51.100.9"_s;
        QTest::newRow("unreadable hop: the proxy itself")
            << proxy << Headers {{"x-forwarded-for", "unknown"}} << proxy;
        QTest::newRow("IPv6 hop") << proxy << Headers {{"x-forwarded-for", "2001:db8::7"}}
                                  << u"2001:db8::7"_s;
        QTest::newRow("Forwarded for=")
            << proxy << Headers {{"forwarded", "for=198.51.100.9;proto=https"}} << u"198.51.100.9"_s;
        QTest::newRow("Forwarded quoted with a port")
            << proxy << Headers {{"forwarded", "for=\"198.51.100.9:4711\""}} << u"198.51.100.9"_s;
        QTest::newRow("Forwarded IPv6 in brackets")
            << proxy << Headers {{"forwarded", "for=\"[2001:db8::7]:4711\", for=10.0.0.3"}}
            << u"2001:db8::7"_s;
        QTest::newRow("Forwarded obfuscated identifier")
            << proxy << Headers {{"forwarded", "for=_hidden"}} << proxy;
        QTest::newRow("X-Forwarded-For wins over Forwarded")
            << proxy << Headers {{"forwarded", "for=1.2.3.4"}, {"x-forwarded-for", "198.51.100.9"}}
            << u"198.51.100.9"_s;
    }
    void clientAddress()
    {
        QFETCH(QString, peer);
        QFETCH(Headers, headers);
        QFETCH(QString, expected);
        HttpRequest request;
        request.remoteAddress = QHostAddress(peer);
        request.headers = headers;
        const QList<QHostAddress> trusted {QHostAddress(u"10.0.0.2"_s), QHostAddress(u"10.0.0.3"_s)};
        QCOMPARE(javumbo::server::clientAddress(request, trusted), QHostAddress(expected));
    }
};

QTEST_GUILESS_MAIN(TestClientAddress)
#include "tst_clientaddress.moc"
