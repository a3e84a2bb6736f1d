#include "embeddedserverhost.h"
#include "guifixture.h"
#include "hosting/bindaddresschoice.h"
#include "hosting/classaccountsview.h"
#include "hosting/qrcode.h"
#include "hosting/reachableurls.h"
#include "hosting/serverpanel.h"
#include "hosting/studentaddressview.h"
#include "net/httpclient.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkInterface>
#include <QNetworkReply>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::gui;

namespace {

// An IPv4 address of this machine other than loopback, as the panel offers it.
QString networkAddress()
{
    for (const auto &[name, address] :
        BindAddressChoice::networkAddresses(QNetworkInterface::allInterfaces())) {
        if (address.protocol() == QHostAddress::IPv4Protocol)
            return address.toString();
    }
    return {};
}

// What a phone's camera reads from `image`: zbarimg (Debian zbar-tools) on a PNG of it.
QString decodeQr(const QImage &image, QString *why)
{
    const QString zbarimg = QStandardPaths::findExecutable(u"zbarimg"_s);
    if (zbarimg.isEmpty()) {
        *why = u"zbarimg is missing: install zbar-tools (packaging/debian-packages.txt, role test)"_s;
        return {};
    }
    QTemporaryDir dir;
    const QString png = dir.filePath(u"qr.png"_s);
    if (!image.save(png)) {
        *why = u"cannot save the QR code as %1"_s.arg(png);
        return {};
    }
    QProcess zbar;
    zbar.start(zbarimg, {u"--raw"_s, u"-q"_s, png});
    if (!zbar.waitForFinished(30000) || zbar.exitCode() != 0) {
        *why = u"zbarimg found no code (exit %1): %2"_s.arg(zbar.exitCode())
                   .arg(QString::fromUtf8(zbar.readAllStandardError()));
        return {};
    }
    return QString::fromUtf8(zbar.readAllStandardOutput()).trimmed();
}

// The text of the panel's label that starts with `start` (its message line).
QString labelStartingWith(const ServerPanel &panel, const QString &start)
{
    for (const QLabel *label : panel.findChildren<QLabel *>()) {
        if (label->text().startsWith(start))
            return label->text();
    }
    return {};
}

// POST /api/v1/register or /login (docs/api.md §2) on the panel's server.
net::HttpResult post(const QUrl &server, const QString &path, const QJsonObject &body)
{
    net::HttpClient client(server.host(), quint16(server.port()));
    net::HttpCall call;
    call.method = "POST";
    call.path = path;
    call.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    auto result = client.send(call);
    return result ? result.value() : net::HttpResult {};
}

} // namespace

class TestServerPanel : public QObject
{
    Q_OBJECT
private slots:
    // Issue 16: a teacher picks the classroom's network; the big address and its QR code lead a phone
    // to the study page.
    void onANetworkInterface_theShownAddressServesTheStudyPage_andTheQrCodeDecodesToIt()
    {
        const QString address = networkAddress();
        if (address.isEmpty())
            QFAIL("this machine has no network address other than loopback (QNetworkInterface): the test "
                  "serves on a real network interface and cannot without one");
        testsupport::GuiFixture fixture;
        hosting::EmbeddedServerHost host(fixture.backend());
        ServerPanel panel(&host);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto *bind = panel.findChild<BindAddressChoice *>(u"bindAddress"_s);
        const int choice = bind->findData(address);
        QVERIFY2(choice >= 0, qPrintable(address));
        QVERIFY2(bind->itemText(choice).contains(address), qPrintable(bind->itemText(choice)));
        bind->setCurrentIndex(choice);
        panel.findChild<QSpinBox *>(u"port"_s)->setValue(0);
        QTest::mouseClick(panel.findChild<QPushButton *>(u"startStopServer"_s), Qt::LeftButton);
        QVERIFY(host.isRunning());

        const QUrl shown = panel.studentUrl();
        QCOMPARE(shown.host(), address);
        QCOMPARE(shown.path(), u"/"_s);
        QCOMPARE(panel.findChild<QLabel *>(u"studentUrl"_s)->text(), shown.toString());
        // The study page, fetched through the address as shown, like a student's browser.
        QNetworkAccessManager network;
        QNetworkReply *reply = network.get(QNetworkRequest(shown));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QVERIFY(reply->header(QNetworkRequest::ContentTypeHeader).toString().startsWith(u"text/html"_s));
        const QByteArray page = reply->readAll();
        QVERIFY2(page.contains("<title>Javumbo</title>"), page.left(300).constData());
        reply->deleteLater();
        // Nothing listens on loopback: the server really is on the network interface.
        net::HttpClient loopback(u"127.0.0.1"_s, quint16(shown.port()));
        QVERIFY(!loopback.send(net::HttpCall {"GET", u"/"_s, {}, {}, {}, false}));

        // The QR code: whole pixels per module, only black and white, decoded back to the address.
        const QImage qr = panel.studentAddress()->qrImage();
        QVERIFY(!qr.isNull());
        auto code = QrCode::encode(shown.toString());
        QVERIFY(code);
        const int side = code->modules() + 2 * QrCode::kQuietZone;
        QCOMPARE(qr.width() % side, 0);
        QVERIFY(qr.width() / side >= 3); // a phone needs a few pixels per module on the screen
        for (int y = 0; y < qr.height(); ++y) {
            for (int x = 0; x < qr.width(); ++x) {
                const int grey = qGray(qr.pixel(x, y));
                QVERIFY(grey == 0 || grey == 255);
            }
        }
        QString why;
        QCOMPARE(decodeQr(qr, &why), shown.toString());
        QVERIFY2(why.isEmpty(), qPrintable(why));

        QTest::mouseClick(panel.findChild<QPushButton *>(u"copyUrl"_s), Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), shown.toString());
        panel.stop();
        QVERIFY(panel.studentUrl().isEmpty());
        QVERIFY(panel.studentAddress()->qrImage().isNull());
    }

    void registrationClosed_refusesSelfRegistration()
    {
        testsupport::GuiFixture fixture;
        hosting::EmbeddedServerHost host(fixture.backend());
        ServerPanel panel(&host);
        panel.findChild<QSpinBox *>(u"port"_s)->setValue(0);
        const QJsonObject student {{u"username"_s, u"walk.in"_s}, {u"password"_s, u"long enough"_s},
            {u"email"_s, u"walk@school.example"_s}};
        panel.findChild<QCheckBox *>(u"registrationOpen"_s)->setChecked(false);
        panel.start();
        const net::HttpResult closed = post(panel.url(), u"/api/v1/register"_s, student);
        QCOMPARE(closed.status, 403);
        QCOMPARE(closed.errorCode(), u"registration_closed"_s);
        panel.stop();
        panel.findChild<QCheckBox *>(u"registrationOpen"_s)->setChecked(true);
        panel.start();
        QCOMPARE(post(panel.url(), u"/api/v1/register"_s, student).status, 201);
        panel.stop();
    }

    // Another data directory keeps a class apart from the teacher's own study; a folder of other
    // files is refused, so a server never litters it.
    void anotherDataDirectory_isServedFromTheNextStart()
    {
        testsupport::GuiFixture fixture;
        QTemporaryDir scratch;
        const QString classDir = QDir(scratch.path()).filePath(u"class-7b"_s);
        hosting::EmbeddedServerHost host(fixture.backend());
        ServerPanel panel(&host);
        panel.findChild<QSpinBox *>(u"port"_s)->setValue(0);
        auto *directory = panel.findChild<QLineEdit *>(u"dataDirectory"_s);
        QCOMPARE(directory->placeholderText(), host.dataDirectory()); // empty: the app's own
        directory->setText(classDir);
        panel.start();
        QVERIFY(host.isRunning());
        QTRY_COMPARE(panel.lastSnapshot().dataDirectory, classDir);
        QVERIFY(QFile::exists(QDir(classDir).filePath(u"javumbo-server.lock"_s)));
        QVERIFY(!QFile::exists(QDir(host.dataDirectory()).filePath(u"javumbo-server.lock"_s)));
        const QJsonObject student {{u"username"_s, u"in.7b"_s}, {u"password"_s, u"long enough"_s},
            {u"email"_s, u"in7b@school.example"_s}};
        QCOMPARE(post(panel.url(), u"/api/v1/register"_s, student).status, 201);
        QVERIFY(QFile::exists(QDir(classDir).filePath(u"user_dbs/user_1.db"_s)));
        QVERIFY(!fixture.backend().accounts().findByUsername(u"in.7b"_s)); // not in the app's own
        panel.stop();

        QFile stray(QDir(scratch.path()).filePath(u"notes.txt"_s));
        QVERIFY(stray.open(QIODevice::WriteOnly));
        stray.close();
        directory->setText(scratch.path());
        Q_EMIT directory->editingFinished(); // said as soon as it is typed
        QVERIFY2(
            labelStartingWith(panel, u"This data directory cannot be served"_s).contains(u"no admin.db"_s),
            "the folder of other files was not refused when typed");
        panel.start();
        QVERIFY(!host.isRunning());
        const QString message = labelStartingWith(panel, u"The server did not start"_s);
        QVERIFY2(message.contains(u"no admin.db"_s), qPrintable(message));
    }

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
