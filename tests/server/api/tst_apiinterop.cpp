// POST /import and GET /export on a real server (docs/api.md "Import and export"):
// the shapes, the refusals, the 100 MiB limit refused from the request head,
// and an import while the same user studies on other threads (the per-user
// lock: no answer is lost).
#include "packagefixture.h"
#include "testserver.h"
#include "threadrunner.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>

using namespace Qt::StringLiterals;
using namespace javumbo;
using javumbo::testsupport::TestServer;
namespace fixture = javumbo::testsupport::packagefixture;

namespace {

net::HttpResult upload(net::HttpClient &http, const QString &path, const QString &token,
    const QByteArray &body, const QByteArray &type)
{
    net::HttpCall call {"POST", path, body, token, {{"Content-Type", type}}, false};
    auto result = http.send(call);
    return result.ok() ? result.value() : net::HttpResult {};
}

// Sends only a request head, never a body byte, and reads the answer: a refusal that
// arrives proves the guard judged the head alone. `closed` tells whether the server
// then ended the connection (it must not wait for a body it has refused).
QByteArray headOnly(quint16 port, const QByteArray &path, qint64 contentLength, bool *closed = nullptr)
{
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, port);
    if (!socket.waitForConnected(5000))
        return {};
    socket.write("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/zip\r\nContent-Length: "
        + QByteArray::number(contentLength) + "\r\n\r\n");
    socket.waitForBytesWritten(5000);
    QByteArray answer;
    while (!answer.contains("\r\n\r\n") && socket.waitForReadyRead(5000))
        answer += socket.readAll();
    if (closed) {
        *closed = socket.state() == QAbstractSocket::UnconnectedState || socket.waitForDisconnected(5000);
        answer += socket.readAll(); // the rest of the answer, buffered before the close
    }
    return answer;
}

// A server where alice imported the legacy package (four notes and cat.jpg) and bob has nothing.
struct AliceImported
{
    TestServer server;
    TestServer::User alice = server.createUser(u"alice"_s);
    TestServer::User bob = server.createUser(u"bob"_s);
    std::unique_ptr<net::HttpClient> http = server.client();
    net::HttpResult imported;
    explicit AliceImported(const QString &dir)
    {
        imported = upload(*http, u"/api/v1/import?format=apkg"_s, alice.token,
            fixture::readFile(fixture::legacyPackage(dir)), "application/zip");
    }
};

} // namespace

class TestApiInterop : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void initTestCase() { testsupport::enterTestMode(); }

    void importAndExport_shapes()
    {
        TestServer server;
        const auto alice = server.createUser(u"alice"_s);
        auto http = server.client();
        const QByteArray apkg = fixture::readFile(fixture::legacyPackage(m_dir.path()));
        auto imported = upload(*http, u"/api/v1/import?format=apkg"_s, alice.token, apkg, "application/zip");
        QCOMPARE(imported.status, 200);
        const QJsonObject summary = imported.json().toObject();
        QCOMPARE(summary[u"notes_added"_s].toInt(), 4);
        QCOMPARE(summary[u"notes_updated"_s].toInt(), 0);
        QCOMPARE(summary[u"notes_unchanged"_s].toInt(), 0);
        QCOMPARE(summary[u"cards_added"_s].toInt(), 4);
        QCOMPARE(summary[u"decks_created"_s].toInt(), 2);
        QCOMPARE(summary[u"skipped"_s].toArray().size(), 1);
        QVERIFY(!summary[u"skipped"_s].toArray().first().toObject().contains(u"line"_s));

        auto csv = upload(
            *http, u"/api/v1/import?format=csv&deck_id=1"_s, alice.token, "a,b\n\"unclosed\n", "text/csv");
        QCOMPARE(csv.status, 400);
        QCOMPARE(csv.errorCode(), u"invalid_csv"_s);
        csv = upload(*http, u"/api/v1/import?format=csv"_s, alice.token,
            "#separator:tab\nnueve\tnine\n\n\t\n", "text/tab-separated-values");
        QCOMPARE(csv.status, 200);
        QCOMPARE(csv.json()[u"notes_added"_s].toInt(), 1);
        QCOMPARE(csv.json()[u"skipped"_s].toArray().first().toObject()[u"line"_s].toInt(), 4);

        auto exported = http->send(net::HttpCall {
            "GET", u"/api/v1/export?format=apkg&scheduling=false"_s, {}, alice.token, {}, true});
        QVERIFY(exported.ok());
        QCOMPARE(exported->status, 200);
        QCOMPARE(exported->header("content-type"), QByteArray("application/zip"));
        QVERIFY(
            exported->header("content-disposition").startsWith("attachment; filename=\"collection.apkg\""));
        QVERIFY(exported->body.startsWith("PK\x03\x04"));
        auto text = http->send(
            net::HttpCall {"GET", u"/api/v1/export?format=csv&deck_id=1"_s, {}, alice.token, {}, true});
        QVERIFY(text.ok());
        QCOMPARE(text->status, 200);
        QVERIFY(text->body.startsWith("#separator:tab\n"));
        QVERIFY(text->header("content-disposition").contains("Default.txt"));

        // Another user's collection is untouched, and unknown decks are 404.
        const auto bob = server.createUser(u"bob"_s);
        auto none
            = http->send(net::HttpCall {"GET", u"/api/v1/export?format=csv"_s, {}, bob.token, {}, true});
        QCOMPARE(none->body.count('\n'), 6);
        auto missing = http->send(
            net::HttpCall {"GET", u"/api/v1/export?format=apkg&deck_id=999"_s, {}, bob.token, {}, true});
        QCOMPARE(missing->status, 404);
    }

    // The desktop's File > Export .colpkg and File > Import .colpkg, for a
    // remote profile: a whole-collection backup out, and back in to replace.
    void colpkg_exportsTheWholeCollection_andReplacesItOnlyWhenAsked()
    {
        AliceImported setUp(m_dir.path());
        auto &[server, alice, bob, http, imported] = setUp;
        QCOMPARE(imported.status, 200);
        const QString alicePath = server.backend().context().collectionPath(alice.id);
        const auto notes
            = [&] { return testsupport::queryNumber(alicePath, u"SELECT count(*) FROM notes"_s); };
        QCOMPARE(notes(), qint64(4));

        auto exported
            = http->send(net::HttpCall {"GET", u"/api/v1/export?format=colpkg"_s, {}, alice.token, {}, true});
        QVERIFY(exported.ok());
        QCOMPARE(exported->status, 200);
        QVERIFY(
            exported->header("content-disposition").startsWith("attachment; filename=\"collection.colpkg\""));
        QCOMPARE(exported->header("x-export-notes"), QByteArray("4"));
        QCOMPARE(exported->header("x-export-cards"), QByteArray("4"));
        const QByteArray colpkg = exported->body;
        auto apkgCounts
            = http->send(net::HttpCall {"GET", u"/api/v1/export?format=apkg"_s, {}, alice.token, {}, true});
        QCOMPARE(apkgCounts->header("x-export-notes"), QByteArray("4"));
        auto text
            = http->send(net::HttpCall {"GET", u"/api/v1/export?format=csv"_s, {}, alice.token, {}, true});
        QCOMPARE(text->header("x-export-notes"), QByteArray("4"));
        auto withDeck = http->send(
            net::HttpCall {"GET", u"/api/v1/export?format=colpkg&deck_id=1"_s, {}, alice.token, {}, true});
        QCOMPARE(withDeck->status, 400);

        // Two more cards, then the backup comes back: the collection is the package's again.
        for (const QString &front : {u"uno"_s, u"dos"_s})
            QCOMPARE(testsupport::call(*http, "POST", u"/api/v1/cards"_s, alice.token,
                         {{u"front"_s, front}, {u"back"_s, u"b"_s}})
                         .status,
                201);
        QCOMPARE(notes(), qint64(6));
        const auto refused
            = upload(*http, u"/api/v1/import?format=colpkg"_s, alice.token, colpkg, "application/zip");
        QCOMPARE(refused.errorCode(), u"unsupported_package"_s);
        QCOMPARE(notes(), qint64(6));
        const auto replaced = upload(
            *http, u"/api/v1/import?format=colpkg&replace=true"_s, alice.token, colpkg, "application/zip");
        QCOMPARE(replaced.status, 200);
        QCOMPARE(replaced.json()[u"notes_added"_s].toInt(), 4);
        QCOMPARE(notes(), qint64(4));
        const QString backup = replaced.json()[u"backup"_s].toString();
        QVERIFY2(backup.endsWith(u".db"_s) && !backup.contains(u'/'), qPrintable(backup));
        // The backup holds the collection as it was just before: six notes.
        QDirIterator found(server.dataDir(), {backup}, QDir::Files, QDirIterator::Subdirectories);
        QVERIFY(found.hasNext());
        QCOMPARE(testsupport::queryNumber(found.next(), u"SELECT count(*) FROM notes"_s), qint64(6));
        // Bob's collection is his own.
        QCOMPARE(testsupport::queryNumber(
                     server.backend().context().collectionPath(bob.id), u"SELECT count(*) FROM notes"_s),
            qint64(0));
    }

    // What a remote desktop profile fetches to show a card's images: a file of
    // the user's own media folder, by plain name only.
    void media_servesTheUsersOwnFilesByName()
    {
        AliceImported setUp(m_dir.path());
        auto &[server, alice, bob, http, imported] = setUp;
        QCOMPARE(imported.json()[u"media_added"_s].toInt(), 1);
        const auto cat = testsupport::call(*http, "GET", u"/api/v1/media?name=cat.jpg"_s, alice.token);
        QCOMPARE(cat.status, 200);
        QCOMPARE(cat.body, fixture::catJpeg());
        QCOMPARE(cat.header("content-type"), QByteArray("image/jpeg"));
        QCOMPARE(cat.header("x-content-type-options"), QByteArray("nosniff"));
        QVERIFY(cat.header("content-security-policy").startsWith("sandbox"));
        for (const char *name : {"..%2Fadmin.db", "%2Fetc%2Fpasswd", "", ".import-x", "a%5Cb"}) {
            const auto refused = testsupport::call(
                *http, "GET", u"/api/v1/media?name="_s + QString::fromLatin1(name), alice.token);
            QCOMPARE(refused.status, 400);
            QCOMPARE(refused.errorCode(), u"bad_request"_s);
        }
        const auto missing = testsupport::call(*http, "GET", u"/api/v1/media?name=dog.jpg"_s, alice.token);
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.errorCode(), u"not_found"_s);
        const auto others = testsupport::call(*http, "GET", u"/api/v1/media?name=cat.jpg"_s, bob.token);
        QCOMPARE(others.status, 404);
        QCOMPARE(testsupport::call(*http, "GET", u"/api/v1/media?name=cat.jpg"_s).status, 401);
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("type");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::newRow("colpkg never through the API")
            << u"/api/v1/import?format=colpkg"_s << QByteArray("application/zip") << QByteArray("PK") << 400
            << u"unsupported_package"_s;
        QTest::newRow("not a package") << u"/api/v1/import?format=apkg"_s << QByteArray("application/zip")
                                       << QByteArray("not a zip") << 400 << u"invalid_package"_s;
        QTest::newRow("empty body") << u"/api/v1/import?format=apkg"_s << QByteArray("application/zip")
                                    << QByteArray() << 400 << u"invalid_package"_s;
        QTest::newRow("package as JSON") << u"/api/v1/import?format=apkg"_s << QByteArray("application/json")
                                         << QByteArray("{}") << 415 << u"unsupported_media_type"_s;
        QTest::newRow("unknown deck") << u"/api/v1/import?format=csv&deck_id=77"_s << QByteArray("text/csv")
                                      << QByteArray("a,b\n") << 404 << u"deck_not_found"_s;
    }
    void refusals()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, type);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, code);
        TestServer server;
        const auto alice = server.createUser(u"alice"_s);
        auto http = server.client();
        const auto result = upload(*http, path, alice.token, body, type);
        QCOMPARE(result.status, status);
        QCOMPARE(result.errorCode(), code);
    }

    void bodyLimits_perRoute_fromTheHead()
    {
        TestServer server;
        bool closed = false;
        const QByteArray refused
            = headOnly(server.port(), "/api/v1/import?format=apkg", (qint64(100) << 20) + 1, &closed);
        QVERIFY2(refused.startsWith("HTTP/1.1 413"), refused.constData());
        QVERIFY(refused.contains("payload_too_large"));
        QVERIFY(closed);
        // Any other route keeps the 1 MiB limit, the import route's 100 MiB is by exact path.
        QVERIFY(headOnly(server.port(), "/api/v1/cards", (qint64(1) << 20) + 1).startsWith("HTTP/1.1 413"));
        QVERIFY(
            headOnly(server.port(), "/api/v1/import/x", (qint64(1) << 20) + 1).startsWith("HTTP/1.1 413"));
        QVERIFY(
            headOnly(server.port(), "/api/v1/importer", (qint64(1) << 20) + 1).startsWith("HTTP/1.1 413"));
        // A 3 MiB upload is read (and refused only because it is not a package).
        const auto alice = server.createUser(u"alice"_s);
        auto http = server.client();
        const auto big = upload(
            *http, u"/api/v1/import?format=apkg"_s, alice.token, QByteArray(3 << 20, 'x'), "application/zip");
        QCOMPARE(big.status, 400);
        QCOMPARE(big.errorCode(), u"invalid_package"_s);
    }

    void importWhileStudying_noAnswerLost()
    {
        TestServer server;
        const auto alice = server.createUser(u"alice"_s);
        {
            auto http = server.client();
            for (int i = 0; i < 30; ++i) {
                const auto added = testsupport::call(*http, "POST", u"/api/v1/cards"_s, alice.token,
                    {{u"front"_s, u"q%1"_s.arg(i)}, {u"back"_s, u"a"_s}, {u"deck_id"_s, 1}});
                QCOMPARE(added.status, 201);
            }
        }
        QByteArray csv = "#separator:tab\n";
        for (int i = 0; i < 500; ++i)
            csv += "imported " + QByteArray::number(i) + "\tback\n";
        const QByteArray apkg = fixture::readFile(fixture::legacyPackage(m_dir.path()));
        std::atomic<int> answered {0};
        std::atomic<int> unexpected {0};
        std::atomic<bool> importing {true};
        testsupport::runThreads(4, [&](int index) {
            auto http = server.client();
            if (index == 0) {
                for (const auto &[path, body, type] :
                    {std::tuple {u"/api/v1/import?format=apkg"_s, apkg, QByteArray("application/zip")},
                        std::tuple {u"/api/v1/import?format=csv&deck_id=1"_s, csv,
                            QByteArray("text/tab-separated-values")}}) {
                    if (upload(*http, path, alice.token, body, type).status != 200)
                        ++unexpected;
                }
                importing = false;
                return;
            }
            for (int i = 0; i < 40 && (importing || i < 10); ++i) {
                const auto next
                    = testsupport::call(*http, "GET", u"/api/v1/review/next?deck_id=1"_s, alice.token);
                if (next.status == 204)
                    break;
                if (next.status != 200) {
                    ++unexpected;
                    continue;
                }
                const qint64 cardId = next.json()[u"card"_s][u"card_id"_s].toInteger();
                const auto answer = testsupport::call(*http, "POST", u"/api/v1/review/answer"_s, alice.token,
                    {{u"card_id"_s, cardId}, {u"ease"_s, 3}});
                if (answer.status == 200)
                    ++answered;
                else
                    ++unexpected;
            }
        });
        QCOMPARE(unexpected.load(), 0);
        QVERIFY(answered.load() > 0);
        const QString db = server.backend().context().collectionPath(alice.id);
        QCOMPARE(testsupport::queryNumber(db, u"SELECT count(*) FROM revlog"_s), answered.load() + 2);
        QCOMPARE(testsupport::queryNumber(db, u"SELECT count(*) FROM cards"_s), 30 + 4 + 500);
        QCOMPARE(testsupport::queryNumber(db, u"SELECT count(*) FROM notes"_s), 30 + 4 + 500);
        QCOMPARE(testsupport::collectionIntegrity(db), u"ok"_s);
    }
};

QTEST_GUILESS_MAIN(TestApiInterop)
#include "tst_apiinterop.moc"
