// A class on one server (docs/api.md "Server options", §2 login throttle):
// closed registration, the Secure cookie behind TLS, thirty students behind
// one proxy address while one of them keeps mistyping, and what a browser
// sends (`+` for spaces in q, a deck's counts for its "nothing due" screen).
#include "api/accesslog.h"
#include "api/apiserver.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;
using javumbo::testsupport::TestServer;

namespace {

using Headers = QList<std::pair<QByteArray, QByteArray>>;

// 2024-01-01 10:00 UTC: far from the 04:00 rollover, so "today" cannot move under a test.
constexpr qint64 kMorningMs = 1704103200000;
const QByteArray kSchool = "203.0.113.7";

net::HttpResult login(
    net::HttpClient &http, const QString &username, const QString &password, const Headers &headers = {})
{
    return testsupport::call(http, "POST", u"/api/v1/login"_s, {},
        {{u"username"_s, username}, {u"password"_s, password}}, headers);
}

} // namespace

class TestApiClassroom : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { testsupport::enterTestMode(); }

    void registrationClosed_is403AndCreatesNothing()
    {
        TestServer::Options options;
        options.registrationOpen = false;
        TestServer server(options);
        auto http = server.client();
        const auto refused = testsupport::call(*http, "POST", u"/api/v1/register"_s, {},
            {{u"username"_s, u"carol"_s}, {u"password"_s, u"long enough"_s},
                {u"email"_s, u"c@example.org"_s}});
        QCOMPARE(refused.status, 403);
        QCOMPARE(refused.errorCode(), u"registration_closed"_s);
        QCOMPARE(server.backend().accounts().count().value(), qint64(0));
    }

    void sessionCookie_isSecureOnlyBehindAnHttpsPublicUrl_data()
    {
        QTest::addColumn<QString>("publicUrl");
        QTest::addColumn<bool>("secure");
        QTest::newRow("no public URL") << QString() << false;
        QTest::newRow("http public URL") << u"http://flash.school.example"_s << false;
        QTest::newRow("https public URL") << u"https://flash.school.example"_s << true;
    }
    void sessionCookie_isSecureOnlyBehindAnHttpsPublicUrl()
    {
        QFETCH(QString, publicUrl);
        QFETCH(bool, secure);
        TestServer::Options options;
        options.publicUrl = QUrl(publicUrl);
        TestServer server(options);
        const TestServer::User user = server.createUser(u"student"_s);
        auto http = server.client();
        const QByteArray cookie = login(*http, user.username, user.password).header("set-cookie");
        QVERIFY(cookie.startsWith("javumbo_session=") && cookie.contains("HttpOnly"));
        QCOMPARE(cookie.contains("; Secure"), secure);
        const QByteArray cleared
            = testsupport::call(*http, "POST", u"/api/v1/logout"_s, user.token).header("set-cookie");
        QVERIFY(cleared.contains("Max-Age=0"));
        QCOMPARE(cleared.contains("; Secure"), secure);
    }

    // A school NAT or the reverse proxy: every student has the same address.
    void thirtyStudentsBehindOneProxy_oneMistyping_locksOutOnlyThemselves()
    {
        TestServer::Options options;
        QString proxyError;
        QVERIFY2(options.limits.trustedProxies.add(u"127.0.0.1"_s, &proxyError), qPrintable(proxyError));
        TestServer server(options);
        QList<TestServer::User> students;
        for (int i = 0; i < 30; ++i)
            students.append(server.createUser(u"student%1"_s.arg(i)));
        auto http = server.client();
        const Headers school {{"X-Forwarded-For", kSchool}};
        const TestServer::User &clumsy = students[7];
        for (int i = 0; i < 12; ++i) // a forgotten password, tried again and again
            QVERIFY(login(*http, clumsy.username, u"wrong password"_s, school).status != 200);

        for (const TestServer::User &student : std::as_const(students)) {
            const auto result = login(*http, student.username, student.password, school);
            if (&student == &clumsy) {
                QCOMPARE(result.status, 429);
                QCOMPARE(result.errorCode(), u"too_many_attempts"_s);
                const int retryAfter = result.header("retry-after").toInt();
                QVERIFY(retryAfter > 0 && retryAfter <= 60);
            } else {
                QVERIFY2(result.status == 200, qPrintable(student.username));
            }
        }
        // The same student from home, through the same proxy, is not refused.
        QCOMPARE(login(*http, clumsy.username, clumsy.password, {{"X-Forwarded-For", "198.51.100.1"}}).status,
            200);
        // RFC 7239's header names the client just as well.
        QCOMPARE(login(*http, clumsy.username, clumsy.password, {{"Forwarded", "for=\"198.51.100.2:4711\""}})
                     .status,
            200);
    }

    // Behind a trusted proxy the access log names the student, and the proxy
    // the request came through; a header from an untrusted peer changes nothing.
    void accessLog_namesTheForwardedClientAndItsProxy()
    {
        TestServer::Options options;
        QString proxyError;
        QVERIFY2(options.limits.trustedProxies.add(u"127.0.0.1"_s, &proxyError), qPrintable(proxyError));
        TestServer behindProxy(options);
        TestServer direct;
        for (TestServer *server : {&behindProxy, &direct}) {
            QList<server::AccessLogEntry> entries;
            QObject::connect(
                &server->server(), &server::ApiServer::requestFinished, &server->server(),
                [&entries](const server::AccessLogEntry &entry) { entries.append(entry); },
                Qt::DirectConnection);
            auto http = server->client();
            QCOMPARE(
                testsupport::call(*http, "GET", u"/api/v1/health"_s, {}, {}, {{"X-Forwarded-For", kSchool}})
                    .status,
                200);
            QTRY_COMPARE(entries.size(), 1);
            const server::AccessLogEntry &entry = entries.first();
            const QString text = server::AccessLog::format(entry, server::LogFormat::Text);
            const QJsonObject json
                = QJsonDocument::fromJson(server::AccessLog::format(entry, server::LogFormat::Json).toUtf8())
                      .object();
            if (server == &behindProxy) {
                QCOMPARE(entry.remoteAddress, QString::fromLatin1(kSchool));
                QCOMPARE(entry.peerAddress, u"127.0.0.1"_s);
                QVERIFY2(text.contains(u" 203.0.113.7 via 127.0.0.1 "_s), qPrintable(text));
                QCOMPARE(json[u"remote"_s].toString(), QString::fromLatin1(kSchool));
                QCOMPARE(json[u"peer"_s].toString(), u"127.0.0.1"_s);
            } else {
                QCOMPARE(entry.remoteAddress, u"127.0.0.1"_s);
                QVERIFY(entry.peerAddress.isEmpty());
                QVERIFY2(!text.contains(u"via"_s) && !text.contains(QString::fromLatin1(kSchool)),
                    qPrintable(text));
                QVERIFY(!json.contains(u"peer"_s));
            }
        }
    }

    void forwardedFor_fromAnUntrustedPeer_isIgnored()
    {
        TestServer server; // no --trusted-proxy: the TCP peer is the client
        const TestServer::User student = server.createUser(u"student"_s);
        auto http = server.client();
        for (int i = 0; i < 5; ++i)
            login(*http, student.username, u"wrong password"_s,
                {{"X-Forwarded-For", "192.0.2." + QByteArray::number(i)}});
        // Inventing a fresh address per guess does not reset the count.
        QCOMPARE(login(*http, student.username, student.password, {{"X-Forwarded-For", "192.0.2.99"}}).status,
            429);
    }

    void plusInQ_isASpace_andPercent2BAPlus()
    {
        TestServer server;
        const TestServer::User student = server.createUser(u"student"_s);
        auto http = server.client();
        for (const QString &front :
            {u"the quick brown fox"_s, u"brown dog, quick cat"_s, u"quick silver"_s, u"c++ templates"_s}) {
            QCOMPARE(testsupport::call(*http, "POST", u"/api/v1/cards"_s, student.token,
                         {{u"front"_s, front}, {u"back"_s, u"b"_s}})
                         .status,
                201);
        }
        const auto total = [&](const QString &query) {
            const auto found = testsupport::call(*http, "GET", u"/api/v1/cards?q="_s + query, student.token);
            if (found.status != 200)
                return -found.status;
            return found.json()[u"total"_s].toInt();
        };
        QCOMPARE(total(u"quick+brown"_s), 2);
        QCOMPARE(total(u"quick%20brown"_s), 2);
        QCOMPARE(total(u"%22brown+fox%22"_s), 1);
        QCOMPARE(total(u"quick+-silver"_s), 2);
        QCOMPARE(total(u"c%2B%2B"_s), 1);
        QCOMPARE(total(u"nonsense:x"_s), -400);
    }

    void deck_learningCountAndNextDueAt()
    {
        ManualClock clock(kMorningMs);
        TestServer::Options options;
        options.clock = &clock;
        TestServer server(options);
        const TestServer::User student = server.createUser(u"student"_s);
        auto http = server.client();
        const qint64 cardId = testsupport::call(*http, "POST", u"/api/v1/cards"_s, student.token,
            {{u"front"_s, u"hola"_s}, {u"back"_s, u"hello"_s}})
                                  .json()[u"card_id"_s]
                                  .toInteger();
        const auto deck = [&] {
            return testsupport::call(*http, "GET", u"/api/v1/decks/1"_s, student.token).json().toObject();
        };
        QCOMPARE(deck()[u"new_count"_s].toInt(), 1);
        QVERIFY(deck()[u"next_due_at"_s].isNull());
        // Good on a new card: the second learning step, 10 minutes from now.
        QCOMPARE(testsupport::call(*http, "POST", u"/api/v1/review/answer"_s, student.token,
                     {{u"card_id"_s, cardId}, {u"ease"_s, 3}})
                     .status,
            200);
        QCOMPARE(deck()[u"new_count"_s].toInt(), 0);
        QCOMPARE(deck()[u"learning_count"_s].toInt(), 1);
        // The card's own due time: 10 minutes plus the learning fuzz (docs/scheduling.md §4.7, §5).
        const qint64 due = testsupport::call(*http, "GET", u"/api/v1/cards/%1"_s.arg(cardId), student.token)
                               .json()[u"due"_s]
                               .toInteger();
        QVERIFY(due >= kMorningMs / 1000 + 600 && due <= kMorningMs / 1000 + 900);
        QCOMPARE(deck()[u"next_due_at"_s].toInteger(), due);
        // The list says the same as the single deck.
        const QJsonArray decks
            = testsupport::call(*http, "GET", u"/api/v1/decks"_s, student.token).json().toArray();
        QCOMPARE(decks.first().toObject(), deck());

        const QJsonObject reviews
            = testsupport::call(*http, "GET", u"/api/v1/stats/reviews?days=3"_s, student.token)
                  .json()
                  .toObject();
        QCOMPARE(reviews[u"days"_s].toInt(), 3);
        QCOMPARE(reviews[u"counts"_s].toArray(), QJsonArray({0, 0, 1}));
        const QJsonObject forecast
            = testsupport::call(*http, "GET", u"/api/v1/stats/forecast?days=2"_s, student.token)
                  .json()
                  .toObject();
        QCOMPARE(forecast[u"counts"_s].toArray(), QJsonArray({1, 0})); // the learning card, due today

        // Easy graduates it to a review card 3-5 days ahead (fuzz): nothing is left
        // today, and next_due_at is the start (04:00, UTC here) of its day.
        QCOMPARE(testsupport::call(*http, "POST", u"/api/v1/review/answer"_s, student.token,
                     {{u"card_id"_s, cardId}, {u"ease"_s, 4}})
                     .status,
            200);
        QCOMPARE(testsupport::call(*http, "GET", u"/api/v1/review/next"_s, student.token).status, 204);
        const qint64 nextDue = deck()[u"next_due_at"_s].toInteger();
        const qint64 todayStarted = kMorningMs / 1000 - 6 * 3600;
        QVERIFY2(nextDue % 86400 == 4 * 3600 && nextDue >= todayStarted + 3 * 86400
                && nextDue <= todayStarted + 5 * 86400,
            qPrintable(QString::number(nextDue)));
        const QJsonArray week
            = testsupport::call(*http, "GET", u"/api/v1/stats/forecast?days=7"_s, student.token)
                  .json()[u"counts"_s]
                  .toArray();
        QCOMPARE(week.at(int((nextDue - todayStarted) / 86400)).toInt(), 1);
    }
};

QTEST_GUILESS_MAIN(TestApiClassroom)
#include "tst_apiclassroom.moc"
