#include "embeddedserverhost.h"
#include "guifixture.h"
#include "hosting/reachableurls.h"
#include "hosting/serverpanel.h"
#include "net/httpclient.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QLabel>
#include <QNetworkInterface>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::gui;

class TestServerPanel : public QObject
{
    Q_OBJECT
private slots:
    void startFromThePanel_servesHealthAndShowsTheRequestLive()
    {
        testsupport::GuiFixture fixture;
        hosting::EmbeddedServerHost host(fixture.backend());
        ServerPanel panel(&host);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.findChild<QSpinBox *>(u"port"_s)->setValue(0); // any free port
        QSignalSpy running(&panel, &ServerPanel::runningChanged);
        QTest::mouseClick(panel.findChild<QPushButton *>(u"startStopServer"_s), Qt::LeftButton);
        QCOMPARE(running.size(), 1);
        QVERIFY(host.isRunning());
        QVERIFY(panel.url().port() > 0);

        net::HttpClient client(u"127.0.0.1"_s, quint16(panel.url().port()));
        net::HttpCall call;
        call.path = u"/api/v1/health"_s;
        auto health = client.send(call);
        QVERIFY2(health, qPrintable(health ? QString() : health.error().message));
        QCOMPARE(health->status, 200);
        QCOMPARE(health->json().toObject().value(u"status"_s).toString(), u"ok"_s);

        QTRY_VERIFY(panel.lastSnapshot().accessLogTail.join(u'\n').contains(u"/api/v1/health"_s));
        QTRY_VERIFY(panel.lastSnapshot().totalRequests >= 1);
        QVERIFY(panel.lastSnapshot().requestsPerSecond > 0);

        QTest::mouseClick(panel.findChild<QPushButton *>(u"startStopServer"_s), Qt::LeftButton);
        QVERIFY(!host.isRunning());
        QCOMPARE(running.size(), 2);
        QVERIFY(!client.send(call)); // nothing listens any more
    }

    void localStudyAndTheServer_shareOneLockRegistry()
    {
        testsupport::GuiFixture fixture;
        const qint64 user = fixture.openNewProfile(u"hank"_s).userId;
        hosting::EmbeddedServerHost host(fixture.backend());
        ServerSettings settings;
        settings.port = 0;
        QVERIFY(host.start(settings));
        // A local write takes the user's lock in the registry the server reports.
        QVERIFY(fixture.backend().cards().add(user, {u"q"_s, u"a"_s, 1, {}, {}}));
        const ServerSnapshot snapshot = host.snapshot();
        QCOMPARE(snapshot.locks.size(), 1);
        QCOMPARE(snapshot.locks.first().userId, user);
        QCOMPARE(snapshot.locks.first().username, u"hank"_s);
        QVERIFY(snapshot.locks.first().acquisitions >= 1);
        host.stop();
    }

    void startOnABusyPort_showsTheErrorAndReleasesTheDataDirectory()
    {
        testsupport::GuiFixture fixture;
        QTcpServer blocker; // another program on the port the teacher asks for
        QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
        const quint16 taken = blocker.serverPort();
        hosting::EmbeddedServerHost host(fixture.backend());
        ServerPanel panel(&host);
        panel.setSettings(ServerSettings {u"127.0.0.1"_s, taken});
        QSignalSpy running(&panel, &ServerPanel::runningChanged);
        auto *startStop = panel.findChild<QPushButton *>(u"startStopServer"_s);
        QTest::mouseClick(startStop, Qt::LeftButton);

        QVERIFY(!host.isRunning());
        QCOMPARE(running.size(), 0);
        QString message;
        for (const QLabel *label : panel.findChildren<QLabel *>()) {
            if (label->text().startsWith(u"The server did not start"_s))
                message = label->text();
        }
        QVERIFY2(message.contains(u"127.0.0.1:%1"_s.arg(taken)), qPrintable(message));
        QVERIFY2(message.contains(u"in use"_s), qPrintable(message));
        // The port is the trouble, not the data directory, and its claim was let go.
        QVERIFY2(!message.contains(u"data directory"_s), qPrintable(message));
        QVERIFY(!QFile::exists(QDir(host.dataDirectory()).filePath(u"javumbo-server.lock"_s)));

        panel.findChild<QSpinBox *>(u"port"_s)->setValue(0); // any free port
        QTest::mouseClick(startStop, Qt::LeftButton);
        QVERIFY(host.isRunning());
        QCOMPARE(running.size(), 1);
        host.stop();
    }

    // Issue 15, bug 8: 0.0.0.0 is where the server listens, not an address anyone can type.
    void bindToAllAddresses_showsAndCopiesTheMachinesRealAddresses()
    {
        testsupport::GuiFixture fixture;
        hosting::EmbeddedServerHost host(fixture.backend());
        ServerPanel panel(&host);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setSettings(ServerSettings {u"0.0.0.0"_s, 0});
        panel.start();
        QVERIFY(host.isRunning());
        const QString shown = panel.findChild<QLabel *>(u"serverUrl"_s)->text();
        QVERIFY2(!shown.contains(u"0.0.0.0"_s), qPrintable(shown));
        const quint16 port = quint16(panel.url().port());
        // Every address this machine has (IPv4) is offered, each with the port, and works.
        for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
            if (address.protocol() == QHostAddress::IPv4Protocol)
                QVERIFY2(shown.contains(u"%1:%2"_s.arg(address.toString()).arg(port)), qPrintable(shown));
        }
        QVERIFY(!panel.reachableUrls().isEmpty());
        QTest::mouseClick(panel.findChild<QPushButton *>(u"copyUrl"_s), Qt::LeftButton);
        const QString copied = QApplication::clipboard()->text();
        QVERIFY2(!copied.contains(u"0.0.0.0"_s) && copied.contains(u":%1"_s.arg(port)), qPrintable(copied));
        const auto addresses = QNetworkInterface::allAddresses();
        const bool hasNetwork
            = std::any_of(addresses.cbegin(), addresses.cend(), [](const QHostAddress &address) {
                  return address.protocol() == QHostAddress::IPv4Protocol && !address.isLoopback();
              });
        // A network address first (what a student's device types), loopback only when there is none.
        QCOMPARE(QHostAddress(QUrl(copied).host()).isLoopback(), !hasNetwork);
        net::HttpClient client(QUrl(copied).host(), port);
        net::HttpCall call;
        call.path = u"/api/v1/health"_s;
        auto health = client.send(call);
        QVERIFY2(health && health->status == 200, qPrintable(copied));
        panel.stop();
    }

    void reachableUrls_orderNetworkFirstAndSkipWhatCannotBeTyped()
    {
        const QList<QHostAddress> machine {QHostAddress(u"127.0.0.1"_s), QHostAddress(u"192.168.1.20"_s),
            QHostAddress(u"::1"_s), QHostAddress(u"fe80::1%eth0"_s), QHostAddress(u"10.0.0.5"_s)};
        const auto urls = [&](const QString &url) {
            QStringList result;
            for (const QUrl &reachable : reachableUrls(QUrl(url), machine))
                result.append(reachable.toString());
            return result;
        };
        QCOMPARE(urls(u"http://0.0.0.0:8700/"_s),
            (QStringList {
                u"http://192.168.1.20:8700/"_s, u"http://10.0.0.5:8700/"_s, u"http://127.0.0.1:8700/"_s}));
        QCOMPARE(urls(u"http://[::]:8700/"_s),
            (QStringList {u"http://192.168.1.20:8700/"_s, u"http://10.0.0.5:8700/"_s,
                u"http://127.0.0.1:8700/"_s, u"http://[::1]:8700/"_s}));
        QCOMPARE(urls(u"http://127.0.0.1:8700/"_s), QStringList {u"http://127.0.0.1:8700/"_s});
        QCOMPARE(urls(u"http://192.168.1.20:9000/"_s), QStringList {u"http://192.168.1.20:9000/"_s});
    }

    void restartAfterStop_works_andABadAddressIsRefused()
    {
        testsupport::GuiFixture fixture;
        hosting::EmbeddedServerHost host(fixture.backend());
        ServerSettings settings;
        settings.port = 0;
        QVERIFY(host.start(settings));
        host.stop();
        // The same data directory is free again after a stop: a restart works.
        QVERIFY(host.start(settings));
        host.stop();
        ServerSettings bad;
        bad.bindAddress = u"not an address"_s;
        QVERIFY(!host.start(bad));
        QVERIFY(!host.isRunning());
    }
};

QTEST_MAIN(TestServerPanel)
#include "tst_serverpanel.moc"
