// One connection to the real server (ApiServer: guard, QtHttpServer's parser, adapter, pipeline)
// as a raw client sees it: answers in request order, one answer per request, nothing executed
// after the last request, HTTP/1.0 answered as 1.0, slow heads and address floods bounded, and
// /metrics' loopback access judged through trusted proxies only (issue 14).
#include "common/openfilelimit.h"
#include "rawhttpclient.h"
#include "testserver.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace javumbo;
using javumbo::testsupport::RawHttpClient;
using javumbo::testsupport::RawResponse;
using javumbo::testsupport::TestServer;

namespace {

QByteArray get(const QByteArray &path, const QByteArray &id, const QByteArray &extra = {})
{
    return "GET " + path + " HTTP/1.1\r\nHost: t\r\nX-Request-Id: " + id + "\r\n" + extra + "\r\n";
}

QByteArray postCard(
    const QString &token, const QByteArray &front, const QByteArray &id, const QByteArray &extra = {})
{
    const QByteArray body = "{\"front\":\"" + front + "\",\"back\":\"b\"}";
    return "POST /api/v1/cards HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nAuthorization: "
           "Bearer "
        + token.toLatin1() + "\r\nX-Request-Id: " + id + "\r\n" + extra
        + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

QString errorCode(const RawResponse &response)
{
    return response.json().value(u"error"_s).toObject().value(u"code"_s).toString();
}

} // namespace

class TestHttpConnection : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    TestServer::User m_user;

    void start(const server::TransportLimits &limits = {})
    {
        m_server.reset();
        TestServer::Options options;
        options.limits = limits;
        m_server = std::make_unique<TestServer>(options);
        m_user = m_server->createUser(u"pipeliner"_s);
    }
    qint64 cardsStored()
    {
        return testsupport::queryNumber(
            m_server->backend().context().collectionPath(m_user.id), u"SELECT count(*) FROM cards"_s);
    }
    // Every response until the server closes, with a bound.
    QList<RawResponse> readUntilClosed(RawHttpClient &client)
    {
        QList<RawResponse> responses;
        while (auto response = client.readResponse(3000))
            responses.append(*response);
        return responses;
    }

private Q_SLOTS:
    void initTestCase()
    {
        testsupport::enterTestMode();
        raiseOpenFileLimit();
    }
    void init() { start(); }
    void cleanup() { m_server.reset(); }

    // Defect 3: a slow request (a database write on the pool) followed by fast ones (the server
    // thread's /health) on one connection used to be answered fast-first.
    void pipelinedRequests_areAnsweredInRequestOrder()
    {
        for (int round = 0; round < 20; ++round) {
            RawHttpClient client;
            QVERIFY(client.connectTo(m_server->port()));
            QByteArray pipeline;
            QList<QByteArray> ids;
            for (int i = 0; i < 6; ++i) {
                const QByteArray id = "r" + QByteArray::number(round) + "-" + QByteArray::number(i);
                ids.append(id);
                pipeline += (i + round) % 3 == 0 ? postCard(m_user.token, "card " + id, id)
                                                 : get("/api/v1/health", id);
            }
            client.send(pipeline);
            for (const QByteArray &id : std::as_const(ids)) {
                const auto response = client.readResponse();
                QVERIFY(response);
                QCOMPARE(response->header("X-Request-Id"), id);
                QVERIFY(response->status == 200 || response->status == 201);
            }
            QVERIFY(client.isConnected());
        }
    }

    // Defect 4: an upgrade got our 200 and then QtHttpServer's own 404, which the next request read.
    void webSocketUpgrade_getsOneRefusalAndTheConnectionCloses()
    {
        RawHttpClient client;
        QVERIFY(client.connectTo(m_server->port()));
        client.send(
            QByteArray(get("/api/v1/health", "upgrade-1",
                           "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                           "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n")
                + get("/api/v1/health", "after-upgrade")));
        const QList<RawResponse> responses = readUntilClosed(client);
        QCOMPARE(responses.size(), 1);
        QCOMPARE(responses.first().status, 501);
        QCOMPARE(errorCode(responses.first()), u"not_implemented"_s);
        QCOMPARE(responses.first().header("X-Request-Id"), QByteArray("upgrade-1"));
        QCOMPARE(responses.first().header("Connection"), QByteArray("close"));
        QVERIFY(client.waitForDisconnected());
    }

    // Defect 5: the valid request was never answered when malformed bytes came in the same packet.
    void validRequestThenGarbage_answersTheValidOneThenRefuses_data()
    {
        QTest::addColumn<bool>("slowFirst");
        QTest::newRow("fast request first") << false;
        QTest::newRow("database write first") << true;
    }
    void validRequestThenGarbage_answersTheValidOneThenRefuses()
    {
        QFETCH(bool, slowFirst);
        RawHttpClient client;
        QVERIFY(client.connectTo(m_server->port()));
        client.send(QByteArray(
            (slowFirst ? postCard(m_user.token, "before garbage", "valid") : get("/api/v1/health", "valid"))
            + "THIS IS NOT HTTP\r\n\r\n"));
        const QList<RawResponse> responses = readUntilClosed(client);
        QCOMPARE(responses.size(), 2);
        QCOMPARE(responses.at(0).header("X-Request-Id"), QByteArray("valid"));
        QCOMPARE(responses.at(0).status, slowFirst ? 201 : 200);
        QCOMPARE(responses.at(1).status, 400);
        QCOMPARE(errorCode(responses.at(1)), u"bad_request"_s);
        QVERIFY(client.waitForDisconnected());
        QCOMPARE(cardsStored(), slowFirst ? 1 : 0);
    }

    // Defect 6: a request pipelined after "Connection: close" was still executed.
    void connectionClose_laterRequestsAreNeverExecuted()
    {
        RawHttpClient client;
        QVERIFY(client.connectTo(m_server->port()));
        client.send(QByteArray(postCard(m_user.token, "the last one", "last", "Connection: close\r\n")
            + postCard(m_user.token, "never read", "never")));
        const QList<RawResponse> responses = readUntilClosed(client);
        QCOMPARE(responses.size(), 1);
        QCOMPARE(responses.first().status, 201);
        QCOMPARE(responses.first().header("Connection"), QByteArray("close"));
        QVERIFY(client.waitForDisconnected());
        QCOMPARE(cardsStored(), 1);
    }

    // Defect 6: HTTP/1.0 got an HTTP/1.1 status line and a connection kept until the idle timeout.
    void http10_isAnsweredAs10AndClosedUnlessKeepAliveIsAsked()
    {
        RawHttpClient once;
        QVERIFY(once.connectTo(m_server->port()));
        once.send("GET /api/v1/health HTTP/1.0\r\n\r\n");
        const auto answer = once.readResponse();
        QVERIFY(answer);
        QCOMPARE(answer->version, QByteArray("HTTP/1.0"));
        QCOMPARE(answer->status, 200);
        QCOMPARE(answer->header("Connection"), QByteArray("close"));
        QVERIFY(once.waitForDisconnected(3000));

        RawHttpClient kept;
        QVERIFY(kept.connectTo(m_server->port()));
        for (int i = 0; i < 2; ++i) {
            const auto response
                = kept.exchange("GET /api/v1/health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            QVERIFY(response);
            QCOMPARE(response->version, QByteArray("HTTP/1.0"));
            QCOMPARE(response->header("Connection"), QByteArray("keep-alive"));
        }
        QVERIFY(kept.isConnected());
    }

    // Defect 1: one byte every 100 ms restarted the idle timer for ever; a head now has a deadline.
    void slowHead_isRefused408WithinTheHeadTimeout()
    {
        server::TransportLimits limits;
        limits.headTimeout = 500ms;
        start(limits);
        RawHttpClient client;
        QVERIFY(client.connectTo(m_server->port()));
        const QByteArray head = get("/api/v1/health", "slow");
        QElapsedTimer clock;
        clock.start();
        qsizetype sent = 0;
        while (client.isConnected() && sent < head.size() - 1 && clock.elapsed() < 3000) {
            client.send(QByteArrayView(head).sliced(sent++, 1));
            QTest::qWait(100); // the attacker's pace, not a synchronisation
        }
        const auto response = client.readResponse();
        QVERIFY(response);
        QCOMPARE(response->status, 408);
        QCOMPARE(errorCode(*response), u"request_timeout"_s);
        QVERIFY(client.waitForDisconnected());
        QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
    }

    // Defect 1, the same with blank lines: they are skipped before a request line, yet a head too.
    void blankLinesForEver_areASlowHeadToo()
    {
        server::TransportLimits limits;
        limits.headTimeout = 500ms;
        start(limits);
        RawHttpClient client;
        QVERIFY(client.connectTo(m_server->port()));
        QElapsedTimer clock;
        clock.start();
        while (client.isConnected() && clock.elapsed() < 1500) { // 408 is due after 500 ms
            client.send("\r\n");
            QTest::qWait(100); // the attacker's pace, not a synchronisation
        }
        const auto response = client.readResponse();
        QVERIFY(response);
        QCOMPARE(response->status, 408);
        QVERIFY(client.waitForDisconnected());
    }

    // Defect 1: one address may hold only its share of the connections; a trusted proxy is exempt.
    void oneAddress_holdsOnlyItsShareOfTheConnections_data()
    {
        QTest::addColumn<bool>("trusted");
        QTest::newRow("untrusted client") << false;
        QTest::newRow("trusted proxy") << true;
    }
    void oneAddress_holdsOnlyItsShareOfTheConnections()
    {
        QFETCH(bool, trusted);
        server::TransportLimits limits;
        limits.maxConnections = 16; // an eighth: 2 per address
        QString error;
        if (trusted)
            QVERIFY(limits.trustedProxies.add(u"127.0.0.7"_s, &error));
        start(limits);
        const QHostAddress flooder(u"127.0.0.7"_s);
        std::vector<std::unique_ptr<RawHttpClient>> held;
        for (int i = 0; i < 2; ++i) {
            held.push_back(std::make_unique<RawHttpClient>());
            QVERIFY(held.back()->connectTo(m_server->port(), 5000, flooder));
        }
        QTRY_COMPARE(m_server->server().openConnections(), 2);
        RawHttpClient third;
        QVERIFY(third.connectTo(m_server->port(), 5000, flooder));
        const auto response = third.exchange(get("/api/v1/health", "third"));
        QVERIFY(response);
        QCOMPARE(response->status, trusted ? 200 : 503);
        if (!trusted) {
            QCOMPARE(errorCode(*response), u"too_many_connections"_s);
            QVERIFY(third.waitForDisconnected());
        }
        // Another address is served either way.
        RawHttpClient other;
        QVERIFY(other.connectTo(m_server->port(), 5000, QHostAddress(u"127.0.0.8"_s)));
        const auto served = other.exchange(get("/api/v1/health", "other"));
        QVERIFY(served);
        QCOMPARE(served->status, 200);
    }

    // Defect 10: a loopback request that carried a forwarding header got /metrics without a token.
    void metrics_forwardingHeadersFromLoopbackNeedAToken_data()
    {
        QTest::addColumn<QString>("trustedProxy");
        QTest::addColumn<QByteArray>("headers");
        QTest::addColumn<int>("status");
        QTest::newRow("nothing forwarded") << QString() << QByteArray() << 200;
        QTest::newRow("Forwarded") << QString() << QByteArray("Forwarded: for=203.0.113.9\r\n") << 401;
        QTest::newRow("X-Real-IP only") << QString() << QByteArray("X-Real-IP: 203.0.113.9\r\n") << 401;
        QTest::newRow("empty X-Forwarded-For") << QString() << QByteArray("X-Forwarded-For:\r\n") << 401;
        QTest::newRow("loopback claimed, proxy untrusted")
            << QString() << QByteArray("X-Forwarded-For: 127.0.0.1\r\n") << 401;
        QTest::newRow("trusted proxy, remote client")
            << u"127.0.0.0/8"_s << QByteArray("X-Forwarded-For: 203.0.113.9\r\n") << 401;
        QTest::newRow("trusted proxy, local client")
            << u"127.0.0.1"_s << QByteArray("Forwarded: for=127.0.0.1;proto=http\r\n") << 200;
        QTest::newRow("trusted proxy, spoofed first hop")
            << u"127.0.0.1"_s << QByteArray("X-Forwarded-For: 127.0.0.1, 203.0.113.9\r\n") << 401;
        QTest::newRow("trusted proxy, unknown client")
            << u"127.0.0.1"_s << QByteArray("Forwarded: for=unknown\r\n") << 401;
    }
    void metrics_forwardingHeadersFromLoopbackNeedAToken()
    {
        QFETCH(QString, trustedProxy);
        QFETCH(QByteArray, headers);
        QFETCH(int, status);
        server::TransportLimits limits;
        QString error;
        if (!trustedProxy.isEmpty())
            QVERIFY(limits.trustedProxies.add(trustedProxy, &error));
        start(limits);
        RawHttpClient client;
        QVERIFY(client.connectTo(m_server->port()));
        const auto response = client.exchange(get("/metrics", "metrics", headers));
        QVERIFY(response);
        QCOMPARE(response->status, status);
    }
};

QTEST_GUILESS_MAIN(TestHttpConnection)
#include "tst_httpconnection.moc"
