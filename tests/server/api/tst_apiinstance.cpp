// serve --instance-id: behind a load balancer, every answer names the instance that gave it
// (X-Javumbo-Instance), every metric carries it (instance_id), and /admin/locks says whose locks
// it lists. Without a name (the desktop's embedded server) nothing is added.
#include "api/instanceid.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::testsupport;

class TestApiInstance : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { enterTestMode(); }

    void everyAnswer_namesTheInstance()
    {
        TestServer::Options options;
        options.instanceId = u"node-a"_s;
        TestServer server(options);
        auto client = server.client();
        const auto user = server.createUser(u"alice"_s);
        const auto health = call(*client, "GET", u"/api/v1/health"_s);
        const auto added = call(
            *client, "POST", u"/api/v1/cards"_s, user.token, {{u"front"_s, u"f"_s}, {u"back"_s, u"b"_s}});
        const auto missing = call(*client, "GET", u"/api/v1/cards/999"_s, user.token);
        const auto unauthenticated = call(*client, "GET", u"/api/v1/decks"_s);
        QCOMPARE(health.status, 200);
        QCOMPARE(added.status, 201);
        QCOMPARE(missing.status, 404);
        QCOMPARE(unauthenticated.status, 401);
        for (const auto *answer : {&health, &added, &missing, &unauthenticated})
            QCOMPARE(answer->header("x-javumbo-instance"), QByteArray("node-a"));
    }

    void everyMetricAndLockRow_carriesTheInstance()
    {
        TestServer::Options options;
        options.instanceId = u"node-b"_s;
        TestServer server(options);
        auto client = server.client();
        const auto admin = server.createUser(u"root"_s, true);
        QCOMPARE(call(*client, "POST", u"/api/v1/cards"_s, admin.token,
                     {{u"front"_s, u"f"_s}, {u"back"_s, u"b"_s}})
                     .status,
            201);

        const auto metrics = call(*client, "GET", u"/metrics"_s);
        QCOMPARE(metrics.status, 200);
        int samples = 0;
        for (const QByteArray &line : metrics.body.split('\n')) {
            if (line.isEmpty() || line.startsWith('#'))
                continue;
            ++samples;
            QVERIFY2(line.contains("instance_id=\"node-b\""), line.constData());
        }
        QVERIFY2(samples > 10, metrics.body.constData());

        const auto locks = call(*client, "GET", u"/api/v1/admin/locks"_s, admin.token);
        QCOMPARE(locks.status, 200);
        const QJsonArray rows = QJsonDocument::fromJson(locks.body).array();
        QVERIFY(!rows.isEmpty());
        for (const auto &row : rows)
            QCOMPARE(row[u"instance_id"_s].toString(), u"node-b"_s);
    }

    void withoutAName_nothingIsAdded()
    {
        TestServer server;
        auto client = server.client();
        const auto health = call(*client, "GET", u"/api/v1/health"_s);
        QCOMPARE(health.status, 200);
        QVERIFY(health.header("x-javumbo-instance").isEmpty());
        QVERIFY(!call(*client, "GET", u"/metrics"_s).body.contains("instance_id"));
    }

    void names_areSafeInHeadersAndLabels()
    {
        QVERIFY(server::isValidInstanceId(u"node-a.eu_1"_s));
        QVERIFY(!server::isValidInstanceId(QString()));
        QVERIFY(!server::isValidInstanceId(u"two words"_s));
        QVERIFY(!server::isValidInstanceId(u"quote\""_s));
        QVERIFY(!server::isValidInstanceId(QString(65, u'a')));
    }
};

QTEST_GUILESS_MAIN(TestApiInstance)
#include "tst_apiinstance.moc"
