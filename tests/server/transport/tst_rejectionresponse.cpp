#include "transport/rejectionresponse.h"
#include "transport/requestid.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo::server;

class TestRejectionResponse : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void isValidRequestId_followsApiRules_data();
    void isValidRequestId_followsApiRules();
    void generateRequestId_is32HexAndUnique();
    void response_carriesEnvelopeAndHeaders();
    void response_addsRetryAfterWhenAsked();
};

void TestRejectionResponse::isValidRequestId_followsApiRules_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("valid");
    QTest::newRow("simple") << QByteArray("abc-123_x.y") << true;
    QTest::newRow("one char") << QByteArray("a") << true;
    QTest::newRow("64 chars") << QByteArray(64, 'a') << true;
    QTest::newRow("65 chars") << QByteArray(65, 'a') << false;
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("slash") << QByteArray("a/b") << false;
    QTest::newRow("space") << QByteArray("a b") << false;
    QTest::newRow("CRLF injection") << QByteArray("a\r\nSet-Cookie: x") << false;
    QTest::newRow("non-ASCII") << QByteArray("caf\xc3\xa9") << false;
}

void TestRejectionResponse::isValidRequestId_followsApiRules()
{
    QFETCH(QByteArray, value);
    QFETCH(bool, valid);
    QCOMPARE(isValidRequestId(value), valid);
}

void TestRejectionResponse::generateRequestId_is32HexAndUnique()
{
    static const QRegularExpression hex(u"^[0-9a-f]{32}$"_s);
    QSet<QString> seen;
    for (int i = 0; i < 1000; ++i) {
        const QString id = generateRequestId();
        QVERIFY2(hex.match(id).hasMatch(), qPrintable(id));
        QVERIFY(isValidRequestId(id.toLatin1()));
        seen.insert(id);
    }
    QCOMPARE(seen.size(), 1000);
}

void TestRejectionResponse::response_carriesEnvelopeAndHeaders()
{
    const QByteArray response = buildRejectionResponse(413, u"payload_too_large"_s, u"too big"_s, u"req-1"_s);
    const qsizetype headEnd = response.indexOf("\r\n\r\n");
    QVERIFY(headEnd > 0);
    const QByteArray head = response.first(headEnd);
    const QByteArray body = response.sliced(headEnd + 4);

    QVERIFY(head.startsWith("HTTP/1.1 413 Payload Too Large\r\n"));
    QVERIFY(head.contains("\r\nContent-Type: application/json"));
    QVERIFY(head.contains(QByteArray("\r\nContent-Length: " + QByteArray::number(body.size()))));
    QVERIFY(head.contains("\r\nConnection: close"));
    QVERIFY(head.contains("\r\nX-Request-Id: req-1"));
    QVERIFY(!head.contains("Retry-After"));

    QJsonParseError error;
    const QJsonObject envelope = QJsonDocument::fromJson(body, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QVERIFY2(!body.contains('\n'), "compact JSON");
    const QJsonObject inner = envelope.value(u"error"_s).toObject();
    QCOMPARE(inner.value(u"code"_s).toString(), u"payload_too_large"_s);
    QCOMPARE(inner.value(u"message"_s).toString(), u"too big"_s);
    QCOMPARE(inner.value(u"request_id"_s).toString(), u"req-1"_s);
}

void TestRejectionResponse::response_addsRetryAfterWhenAsked()
{
    const QByteArray response = buildRejectionResponse(503, u"too_many_connections"_s, u"busy"_s, u"r"_s, 1);
    QVERIFY(response.startsWith("HTTP/1.1 503 Service Unavailable\r\n"));
    QVERIFY(response.contains("\r\nRetry-After: 1\r\n"));
}

QTEST_GUILESS_MAIN(TestRejectionResponse)
#include "tst_rejectionresponse.moc"
