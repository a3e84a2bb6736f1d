#include "transport/requestheadscreen.h"

#include <QTest>

using namespace Qt::StringLiterals;
using javumbo::server::RequestHeadScreen;
using javumbo::server::TransportLimits;

namespace {

const TransportLimits defaultLimits;

QString phaseName(RequestHeadScreen::Phase phase)
{
    switch (phase) {
    case RequestHeadScreen::Phase::BetweenRequests:
        return u"between"_s;
    case RequestHeadScreen::Phase::InHead:
        return u"head"_s;
    case RequestHeadScreen::Phase::InBody:
        return u"body"_s;
    case RequestHeadScreen::Phase::Rejected:
        return u"rejected"_s;
    case RequestHeadScreen::Phase::Closed:
        return u"closed"_s;
    }
    return {};
}

QByteArray post(const QByteArray &body, const QByteArray &extraHeaders = {})
{
    return "POST /echo HTTP/1.1\r\nHost: x\r\n" + extraHeaders
        + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

QByteArray withContentLength(const QByteArray &value)
{
    return "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + value + "\r\n\r\n";
}

// A GET whose head (request line to the final empty line) is exactly `size` bytes.
QByteArray headOfSize(qint64 size)
{
    const QByteArray start = "GET /health HTTP/1.1\r\nX-Pad: ";
    const QByteArray end = "\r\n\r\n";
    return start + QByteArray(size - start.size() - end.size(), 'a') + end;
}

// A GET with `fields` header fields in all (Host included).
QByteArray withFields(int fields)
{
    QByteArray head = "GET /health HTTP/1.1\r\nHost: x\r\n";
    for (int i = 1; i < fields; ++i)
        head += "X-Field-" + QByteArray::number(i) + ": value\r\n";
    return head + "\r\n";
}

// `lines` header lines of `lineSize` bytes each (CRLF included).
QByteArray withLines(int lines, int lineSize)
{
    QByteArray head = "GET /health HTTP/1.1\r\n";
    for (int i = 0; i < lines; ++i)
        head += "X-L: " + QByteArray(lineSize - 7, 'b') + "\r\n";
    return head + "\r\n";
}

struct Outcome
{
    int status = 0;
    QString code;
    quint64 headsPassed = 0;
    QString phase;
    qint64 bodyRemaining = 0;
};

Outcome screenInChunks(const QByteArray &input, qsizetype chunkSize)
{
    RequestHeadScreen screen {defaultLimits};
    for (qsizetype pos = 0; pos < input.size(); pos += chunkSize) {
        if (!screen.feed(QByteArrayView(input).sliced(pos, std::min(chunkSize, input.size() - pos))))
            break;
    }
    return Outcome {screen.rejection().status, screen.rejection().code, screen.headsPassed(),
        phaseName(screen.phase()), screen.bodyBytesRemaining()};
}

} // namespace

class TestRequestHeadScreen : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void screen_agreesInEverySplit_data();
    void screen_agreesInEverySplit();
    void rejection_remembersMethodPathAndRequestId();
    void rejection_isTerminal();
    void skipBody_countsBodyWithoutLookingAtIt();
    void bodyThatLooksLikeHeaders_isNotScreened();
    void frames_tellEndVersionAndKeepAlive_data();
    void frames_tellEndVersionAndKeepAlive();
    void lastRequest_endsTheStream();
    void webSocketUpgrade_isRefused();
};

void TestRequestHeadScreen::screen_agreesInEverySplit_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<quint64>("headsPassed");
    QTest::addColumn<QString>("phase");
    QTest::addColumn<qint64>("bodyRemaining");

    const QString none;
    const QByteArray get = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
    const qint64 mib = 1 << 20;

    QTest::newRow("plain GET") << get << 0 << none << quint64(1) << u"between"_s << qint64(0);
    QTest::newRow("POST with body") << post("hello") << 0 << none << quint64(1) << u"between"_s << qint64(0);
    QTest::newRow("POST head only") << withContentLength("5") << 0 << none << quint64(1) << u"body"_s
                                    << qint64(5);
    QTest::newRow("keep-alive stream")
        << get + post("hello") + get << 0 << none << quint64(3) << u"between"_s << qint64(0);
    QTest::newRow("partial request line")
        << QByteArray("GET /hea") << 0 << none << quint64(0) << u"head"_s << qint64(0);
    QTest::newRow("blank lines before request")
        << "\r\n\r\n" + get << 0 << none << quint64(1) << u"between"_s << qint64(0);
    QTest::newRow("bare LF line ends") << QByteArray("POST /echo HTTP/1.1\nHost: x\nContent-Length: 2\n\nok")
                                       << 0 << none << quint64(1) << u"between"_s << qint64(0);
    QTest::newRow("Content-Length 0")
        << withContentLength("0") << 0 << none << quint64(1) << u"between"_s << qint64(0);
    QTest::newRow("Content-Length with spaces")
        << withContentLength("  7 ") << 0 << none << quint64(1) << u"body"_s << qint64(7);
    QTest::newRow("same Content-Length twice")
        << QByteArray("POST /echo HTTP/1.1\r\nContent-Length: 3\r\ncontent-length: 3\r\n\r\nabc") << 0 << none
        << quint64(1) << u"between"_s << qint64(0);

    QTest::newRow("exactly 1 MiB") << withContentLength(QByteArray::number(mib)) << 0 << none << quint64(1)
                                   << u"body"_s << mib;
    QTest::newRow("1 MiB + 1") << withContentLength(QByteArray::number(mib + 1)) << 413
                               << u"payload_too_large"_s << quint64(0) << u"rejected"_s << qint64(0);
    QTest::newRow("2 MiB") << withContentLength(QByteArray::number(2 * mib)) << 413 << u"payload_too_large"_s
                           << quint64(0) << u"rejected"_s << qint64(0);
    QTest::newRow("40 digits") << withContentLength(QByteArray(40, '9')) << 413 << u"payload_too_large"_s
                               << quint64(0) << u"rejected"_s << qint64(0);

    const QByteArray malformedLengths[] = {"abc", "-1", "+5", "5, 5", "", "0x10", "1 2"};
    for (const QByteArray &value : malformedLengths) {
        QTest::addRow("Content-Length '%s'", value.constData())
            << withContentLength(value) << 400 << u"bad_request"_s << quint64(0) << u"rejected"_s
            << qint64(0);
    }
    QTest::newRow("two different Content-Length")
        << QByteArray("POST /echo HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd") << 400
        << u"bad_request"_s << quint64(0) << u"rejected"_s << qint64(0);

    QTest::newRow("chunked") << QByteArray(
        "POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n")
                             << 411 << u"length_required"_s << quint64(0) << u"rejected"_s << qint64(0);
    QTest::newRow("chunked and Content-Length")
        << QByteArray("POST /echo HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n") << 411
        << u"length_required"_s << quint64(0) << u"rejected"_s << qint64(0);
    QTest::newRow("gzip transfer coding")
        << QByteArray("POST /echo HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n") << 411 << u"length_required"_s
        << quint64(0) << u"rejected"_s << qint64(0);

    QTest::newRow("100 fields") << withFields(100) << 0 << none << quint64(1) << u"between"_s << qint64(0);
    QTest::newRow("101 fields") << withFields(101) << 431 << u"headers_too_large"_s << quint64(0)
                                << u"rejected"_s << qint64(0);
    QTest::newRow("head of exactly 64 KiB")
        << headOfSize(64 * 1024) << 0 << none << quint64(1) << u"between"_s << qint64(0);
    QTest::newRow("head of 64 KiB + 1") << headOfSize(64 * 1024 + 1) << 431 << u"headers_too_large"_s
                                        << quint64(0) << u"rejected"_s << qint64(0);
    QTest::newRow("one 70 KiB line") << headOfSize(70 * 1024) << 431 << u"headers_too_large"_s << quint64(0)
                                     << u"rejected"_s << qint64(0);
    QTest::newRow("70 lines of 1 KiB")
        << withLines(70, 1024) << 431 << u"headers_too_large"_s << quint64(0) << u"rejected"_s << qint64(0);
    QTest::newRow("unterminated head") << "GET / HTTP/1.1\r\nX-A: " + QByteArray(70 * 1024, 'c') << 431
                                       << u"headers_too_large"_s << quint64(0) << u"rejected"_s << qint64(0);
    QTest::newRow("endless blank lines") << QByteArray(70 * 1024, '\n') << 431 << u"headers_too_large"_s
                                         << quint64(0) << u"rejected"_s << qint64(0);
    QTest::newRow("oversized second request") << get + headOfSize(70 * 1024) << 431 << u"headers_too_large"_s
                                              << quint64(1) << u"rejected"_s << qint64(0);
    QTest::newRow("too long a body on the second request")
        << get + withContentLength("9999999") << 413 << u"payload_too_large"_s << quint64(1) << u"rejected"_s
        << qint64(0);

    QTest::newRow("folded header line") << QByteArray("GET / HTTP/1.1\r\nX-A: a\r\n  b\r\n\r\n") << 400
                                        << u"bad_request"_s << quint64(0) << u"rejected"_s << qint64(0);
    QTest::newRow("line without colon") << QByteArray("GET / HTTP/1.1\r\nXA\r\n\r\n") << 400
                                        << u"bad_request"_s << quint64(0) << u"rejected"_s << qint64(0);
    QTest::newRow("space in field name") << QByteArray("GET / HTTP/1.1\r\nX A: b\r\n\r\n") << 400
                                         << u"bad_request"_s << quint64(0) << u"rejected"_s << qint64(0);
    QTest::newRow("empty field name") << QByteArray("GET / HTTP/1.1\r\n: b\r\n\r\n") << 400
                                      << u"bad_request"_s << quint64(0) << u"rejected"_s << qint64(0);
    QTest::newRow("request line without version")
        << QByteArray("GET /\r\n\r\n") << 400 << u"bad_request"_s << quint64(0) << u"rejected"_s << qint64(0);
    QTest::newRow("garbage request line") << QByteArray("GARBAGE\r\n\r\n") << 400 << u"bad_request"_s
                                          << quint64(0) << u"rejected"_s << qint64(0);
    QTest::newRow("short version") << QByteArray("GET / HTTP/1\r\n\r\n") << 400 << u"bad_request"_s
                                   << quint64(0) << u"rejected"_s << qint64(0);
    QTest::newRow("runs of spaces in request line") << QByteArray("GET   /health   HTTP/1.1\r\n\r\n") << 0
                                                    << none << quint64(1) << u"between"_s << qint64(0);
}

void TestRequestHeadScreen::screen_agreesInEverySplit()
{
    QFETCH(QByteArray, input);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(quint64, headsPassed);
    QFETCH(QString, phase);
    QFETCH(qint64, bodyRemaining);

    // The network may cut the stream anywhere: every split must give the same verdict.
    const qsizetype splits[] = {input.size(), 1, 2, 7, 1460};
    for (qsizetype chunkSize : splits) {
        const Outcome outcome = screenInChunks(input, std::max<qsizetype>(chunkSize, 1));
        const QByteArray where = "chunks of " + QByteArray::number(chunkSize);
        QVERIFY2(outcome.status == status, where.constData());
        QVERIFY2(outcome.code == code, where.constData());
        QVERIFY2(outcome.headsPassed == headsPassed, where.constData());
        QVERIFY2(outcome.phase == phase, QByteArray(where + ": " + outcome.phase.toLatin1()).constData());
        QVERIFY2(outcome.bodyRemaining == bodyRemaining, where.constData());
    }
}

void TestRequestHeadScreen::rejection_remembersMethodPathAndRequestId()
{
    RequestHeadScreen screen {defaultLimits};
    QVERIFY(!screen.feed("PUT /cards/7?token=secret HTTP/1.1\r\nx-request-id:  abc-123 \r\n"
                         "X-Request-Id: second\r\nContent-Length: 2097152\r\n\r\n"));
    QCOMPARE(screen.rejection().status, 413);
    QCOMPARE(screen.method(), QByteArray("PUT"));
    QCOMPARE(screen.path(), QByteArray("/cards/7"));
    QCOMPARE(screen.requestId(), QByteArray("abc-123"));
    QVERIFY(!screen.rejection().message.isEmpty());
}

void TestRequestHeadScreen::rejection_isTerminal()
{
    RequestHeadScreen screen {defaultLimits};
    QVERIFY(!screen.feed("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"));
    QVERIFY(!screen.feed("GET / HTTP/1.1\r\n\r\n"));
    QCOMPARE(screen.rejection().status, 411);
    QCOMPARE(screen.headsPassed(), quint64(0));
    QVERIFY(screen.isRejected());
}

void TestRequestHeadScreen::skipBody_countsBodyWithoutLookingAtIt()
{
    RequestHeadScreen screen {defaultLimits};
    QVERIFY(screen.feed(withContentLength("10")));
    QCOMPARE(screen.phase(), RequestHeadScreen::Phase::InBody);
    screen.skipBody(4);
    QCOMPARE(screen.bodyBytesRemaining(), qint64(6));
    screen.skipBody(6);
    QCOMPARE(screen.phase(), RequestHeadScreen::Phase::BetweenRequests);
    QVERIFY(screen.feed("GET / HTTP/1.1\r\n\r\n"));
    QCOMPARE(screen.headsPassed(), quint64(2));
}

void TestRequestHeadScreen::bodyThatLooksLikeHeaders_isNotScreened()
{
    // 200 header-like lines inside a body are data, not fields: only the head is counted.
    RequestHeadScreen screen {defaultLimits};
    const QByteArray body = withFields(200);
    QVERIFY(screen.feed(QByteArray(post(body) + "GET / HTTP/1.1\r\n\r\n")));
    QCOMPARE(screen.headsPassed(), quint64(2));
    QCOMPARE(screen.phase(), RequestHeadScreen::Phase::BetweenRequests);
}

void TestRequestHeadScreen::frames_tellEndVersionAndKeepAlive_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<bool>("http10");
    QTest::addColumn<bool>("keepAlive");
    QTest::newRow("1.1") << QByteArray("GET / HTTP/1.1\r\n\r\n") << false << true;
    QTest::newRow("1.1 close") << QByteArray("GET / HTTP/1.1\r\nConnection: Close\r\n\r\n") << false << false;
    QTest::newRow("1.1 close among tokens")
        << QByteArray("GET / HTTP/1.1\r\nConnection: TE\r\nConnection: x, close\r\n\r\n") << false << false;
    QTest::newRow("1.0") << QByteArray("GET / HTTP/1.0\r\n\r\n") << true << false;
    QTest::newRow("1.0 keep-alive") << QByteArray("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n") << true
                                    << true;
    QTest::newRow("0.9 is older") << QByteArray("GET / HTTP/0.9\r\n\r\n") << true << false;
}

void TestRequestHeadScreen::frames_tellEndVersionAndKeepAlive()
{
    QFETCH(QByteArray, head);
    QFETCH(bool, http10);
    QFETCH(bool, keepAlive);
    RequestHeadScreen screen {defaultLimits};
    QVERIFY(screen.feed(head));
    QVERIFY(screen.hasFrame());
    const auto frame = screen.takeFrame();
    QCOMPARE(frame.end, qint64(head.size()));
    QCOMPARE(frame.http10, http10);
    QCOMPARE(frame.keepAlive, keepAlive);
    QCOMPARE(screen.isFinished(), !keepAlive);
}

void TestRequestHeadScreen::lastRequest_endsTheStream()
{
    // Bytes after the last request (its body included) are never screened: they are nobody's.
    RequestHeadScreen screen {defaultLimits};
    const QByteArray last = post("12345", "Connection: close\r\n");
    QVERIFY(screen.feed(QByteArray(last + "GET /second HTTP/1.1\r\n\r\nGARBAGE\r\n\r\n")));
    QCOMPARE(screen.phase(), RequestHeadScreen::Phase::Closed);
    QCOMPARE(screen.headsPassed(), quint64(1));
    QCOMPARE(screen.passedEnd(), qint64(last.size()));
    QCOMPARE(screen.streamOffset(), qint64(last.size()));
}

void TestRequestHeadScreen::webSocketUpgrade_isRefused()
{
    RequestHeadScreen screen {defaultLimits};
    QVERIFY(
        !screen.feed("GET /ws HTTP/1.1\r\nConnection: keep-alive, Upgrade\r\nUpgrade: WebSocket\r\n\r\n"));
    QCOMPARE(screen.rejection().status, 501);
    QCOMPARE(screen.rejection().code, u"not_implemented"_s);
    // Another upgrade is simply answered over HTTP/1.1, as RFC 9110 allows.
    RequestHeadScreen other {defaultLimits};
    QVERIFY(other.feed("GET / HTTP/1.1\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n\r\n"));
}

QTEST_GUILESS_MAIN(TestRequestHeadScreen)
#include "tst_requestheadscreen.moc"
