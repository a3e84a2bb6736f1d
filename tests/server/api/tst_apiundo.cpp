// Undo, suspend and edits over the API (docs/api.md "Review", "Cards"):
// what an undo restores, and real threads racing a second device against
// it on a loopback server. The races assert outcomes (exactly one wins, the
// database agrees with the winner), never timing.
#include "testserver.h"
#include "threadrunner.h"

#include <QJsonArray>
#include <QTest>

#include <array>

using namespace Qt::StringLiterals;
using namespace javumbo;
using javumbo::testsupport::runThreads;
using javumbo::testsupport::TestServer;

namespace {

using Headers = QList<std::pair<QByteArray, QByteArray>>;

// 2024-01-01 10:00 UTC: far from the 04:00 rollover, so "today" cannot move under a test.
constexpr qint64 kMorningMs = 1704103200000;

} // namespace

class TestApiUndo : public QObject
{
    Q_OBJECT
private:
    ManualClock m_clock {kMorningMs};
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<net::HttpClient> m_http;
    TestServer::User m_student;

    net::HttpResult call(const QByteArray &method, const QString &path, const QJsonObject &body = {},
        const Headers &headers = {})
    {
        return testsupport::call(*m_http, method, path, m_student.token, body, headers);
    }
    qint64 addCard(const QString &front)
    {
        const auto added = call("POST", u"/api/v1/cards"_s, {{u"front"_s, front}, {u"back"_s, u"back"_s}});
        if (added.status != 201)
            qFatal("add card: %d", added.status);
        return added.json()[u"card_id"_s].toInteger();
    }
    net::HttpResult answer(qint64 cardId, int ease, std::optional<int> expectedReps = std::nullopt)
    {
        QJsonObject body {{u"card_id"_s, cardId}, {u"ease"_s, ease}};
        if (expectedReps)
            body.insert(u"expected_reps"_s, *expectedReps);
        return call("POST", u"/api/v1/review/answer"_s, body);
    }
    qint64 query(const QString &sql) const
    {
        return testsupport::queryNumber(m_server->backend().context().collectionPath(m_student.id), sql);
    }

private slots:
    void initTestCase() { testsupport::enterTestMode(); }
    void init()
    {
        m_clock.setNowMs(kMorningMs);
        TestServer::Options options;
        options.clock = &m_clock;
        m_server = std::make_unique<TestServer>(options);
        m_http = m_server->client();
        m_student = m_server->createUser(u"student"_s);
    }
    void cleanup()
    {
        m_http.reset();
        m_server.reset();
    }

    void undo_restoresTheCardRowCountersAndRevlog()
    {
        const qint64 cardId = addCard(u"hola"_s);
        const QJsonObject before = call("GET", u"/api/v1/cards/%1"_s.arg(cardId)).json().toObject();
        const QJsonObject deckBefore = call("GET", u"/api/v1/decks/1"_s).json().toObject();
        m_clock.advanceMs(5000);
        const auto answered = answer(cardId, 3);
        QCOMPARE(answered.status, 200);
        const qint64 undoId = answered.json()[u"undo_id"_s].toInteger();
        QVERIFY(undoId > 0);
        QCOMPARE(query(u"SELECT count(*) FROM revlog"_s), qint64(1));
        QCOMPARE(call("GET", u"/api/v1/stats"_s).json()[u"reviews_today"_s].toInt(), 1);
        QCOMPARE(call("GET", u"/api/v1/decks/1"_s).json()[u"learning_count"_s].toInt(), 1);

        m_clock.advanceMs(5000);
        const auto undone = call("POST", u"/api/v1/review/undo"_s, {{u"undo_id"_s, undoId}});
        QCOMPARE(undone.status, 200);
        QCOMPARE(undone.json().toObject(), before); // the card as it was, etag included
        QCOMPARE(call("GET", u"/api/v1/cards/%1"_s.arg(cardId)).json().toObject(), before);
        QCOMPARE(query(u"SELECT count(*) FROM revlog"_s), qint64(0));
        QCOMPARE(call("GET", u"/api/v1/stats"_s).json()[u"reviews_today"_s].toInt(), 0);
        QCOMPARE(call("GET", u"/api/v1/decks/1"_s).json().toObject(), deckBefore);

        const auto again = call("POST", u"/api/v1/review/undo"_s, {{u"undo_id"_s, undoId}});
        QCOMPARE(again.status, 404);
        QCOMPARE(again.errorCode(), u"nothing_to_undo"_s);
    }

    void undo_severalAnswersDeep_newestFirstOrAnyUnchangedCard()
    {
        std::array<qint64, 3> cards {addCard(u"a"_s), addCard(u"b"_s), addCard(u"c"_s)};
        std::array<qint64, 3> undoIds {};
        for (size_t i = 0; i < cards.size(); ++i)
            undoIds[i] = answer(cards[i], 4).json()[u"undo_id"_s].toInteger();
        // Each card was answered once and not since: any of them can be taken back, in any order.
        for (size_t i : {1, 0, 2})
            QCOMPARE(call("POST", u"/api/v1/review/undo"_s, {{u"undo_id"_s, undoIds[i]}}).status, 200);
        QCOMPARE(query(u"SELECT count(*) FROM revlog"_s), qint64(0));
        QCOMPARE(query(u"SELECT sum(reps) FROM cards"_s), qint64(0));
    }

    void undo_afterTheCardChanged_is409AndChangesNothing()
    {
        const qint64 cardId = addCard(u"hola"_s);
        const qint64 first = answer(cardId, 1).json()[u"undo_id"_s].toInteger();
        QCOMPARE(answer(cardId, 3).status, 200);
        const auto stale = call("POST", u"/api/v1/review/undo"_s, {{u"undo_id"_s, first}});
        QCOMPARE(stale.status, 409);
        QCOMPARE(stale.errorCode(), u"stale_card"_s);
        QCOMPARE(query(u"SELECT count(*) FROM revlog"_s), qint64(2));
        QCOMPARE(query(u"SELECT reps FROM cards"_s), qint64(2));
    }

    void undo_ofAnotherUsersAnswer_isNothingToUndo()
    {
        const qint64 undoId = answer(addCard(u"mine"_s), 3).json()[u"undo_id"_s].toInteger();
        const TestServer::User other = m_server->createUser(u"other"_s);
        const auto refused = testsupport::call(
            *m_http, "POST", u"/api/v1/review/undo"_s, other.token, {{u"undo_id"_s, undoId}});
        QCOMPARE(refused.status, 404);
        QCOMPARE(refused.errorCode(), u"nothing_to_undo"_s);
        QCOMPARE(query(u"SELECT count(*) FROM revlog"_s), qint64(1));
    }

    void answersWithinOneSecond_modIsTheTrueTimeAndEtagsDiffer()
    {
        const qint64 cardId = addCard(u"hola"_s);
        QSet<QString> etags {call("GET", u"/api/v1/cards/%1"_s.arg(cardId)).json()[u"etag"_s].toString()};
        for (int i = 0; i < 3; ++i) { // the clock stands still: all three in the same second
            const auto answered = answer(cardId, 1);
            QCOMPARE(answered.json()[u"mod"_s].toInteger(), kMorningMs / 1000);
            etags.insert(answered.json()[u"etag"_s].toString());
        }
        QCOMPARE(etags.size(), 4);
    }

    void twoEditsInOneSecond_twoEtags_theStaleOneGets412()
    {
        const qint64 cardId = addCard(u"v1"_s);
        const QString path = u"/api/v1/cards/%1"_s.arg(cardId);
        const QByteArray etag0 = call("GET", path).header("etag");
        const auto first
            = call("PUT", path, {{u"front"_s, u"v2"_s}, {u"back"_s, u"b"_s}}, {{"If-Match", etag0}});
        QCOMPARE(first.status, 200);
        const auto second = call(
            "PUT", path, {{u"front"_s, u"v3"_s}, {u"back"_s, u"b"_s}}, {{"If-Match", first.header("etag")}});
        QCOMPARE(second.status, 200);
        QVERIFY(first.header("etag") != etag0 && second.header("etag") != first.header("etag"));
        QCOMPARE(second.json()[u"mod"_s].toInteger(), kMorningMs / 1000);
        const auto stale = call(
            "PUT", path, {{u"front"_s, u"v4"_s}, {u"back"_s, u"b"_s}}, {{"If-Match", first.header("etag")}});
        QCOMPARE(stale.status, 412);
        QCOMPARE(stale.errorCode(), u"stale_card"_s);
        QCOMPARE(call("GET", path).json()[u"front"_s].toString(), u"v3"_s);
    }

    void suspend_takesTheCardOutOfStudyAndBack()
    {
        const qint64 cardId = addCard(u"hola"_s);
        const QString path = u"/api/v1/cards/%1/suspended"_s.arg(cardId);
        const QByteArray unsuspendedEtag = call("GET", u"/api/v1/cards/%1"_s.arg(cardId)).header("etag");
        const auto suspended = call("PUT", path, {{u"suspended"_s, true}});
        QVERIFY(suspended.header("etag") != unsuspendedEtag);
        QCOMPARE(suspended.json()[u"queue"_s].toInt(), -1);
        QCOMPARE(call("GET", u"/api/v1/review/next"_s).status, 204);
        QCOMPARE(call("GET", u"/api/v1/stats"_s).json()[u"suspended_cards"_s].toInt(), 1);
        QCOMPARE(call("GET", u"/api/v1/cards?q=is:suspended"_s).json()[u"total"_s].toInt(), 1);
        const auto stale = call("PUT", path, {{u"suspended"_s, false}}, {{"If-Match", unsuspendedEtag}});
        QCOMPARE(stale.status, 412);
        const auto back
            = call("PUT", path, {{u"suspended"_s, false}}, {{"If-Match", suspended.header("etag")}});
        QCOMPARE(back.status, 200);
        QCOMPARE(back.json()[u"queue"_s].toInt(), 0); // a new card goes back to the new queue
        QCOMPARE(call("GET", u"/api/v1/review/next"_s).status, 200);
    }

    // Device A answered a card and presses Z while device B answers the
    // same card: exactly one of them wins, the other gets 409, and the
    // collection holds what the winner says, nothing half-done.
    void undoRacesAnAnswerFromAnotherDevice_exactlyOneWins()
    {
        const QString otherDevice = m_server->login(m_student.username, m_student.password);
        QMap<QString, int> winners;
        for (int round = 0; round < 12; ++round) {
            const qint64 cardId = addCard(u"race %1"_s.arg(round));
            const auto first = answer(cardId, 1, 0);
            QCOMPARE(first.status, 200);
            const qint64 undoId = first.json()[u"undo_id"_s].toInteger();
            std::array<net::HttpResult, 2> results;
            runThreads(2, [&](int i) {
                auto http = m_server->client();
                results[size_t(i)] = i == 0
                    ? testsupport::call(
                        *http, "POST", u"/api/v1/review/undo"_s, m_student.token, {{u"undo_id"_s, undoId}})
                    : testsupport::call(*http, "POST", u"/api/v1/review/answer"_s, otherDevice,
                        {{u"card_id"_s, cardId}, {u"ease"_s, 3}, {u"expected_reps"_s, 1}});
            });
            const auto &[undone, answered] = results;
            QVERIFY2((undone.status == 200) != (answered.status == 200),
                qPrintable(u"undo %1, answer %2"_s.arg(undone.status).arg(answered.status)));
            const QString revlogOfCard = u"SELECT count(*) FROM revlog WHERE cid = %1"_s.arg(cardId);
            const QString repsOfCard = u"SELECT reps FROM cards WHERE id = %1"_s.arg(cardId);
            if (undone.status == 200) {
                QCOMPARE(answered.status, 409);
                QCOMPARE(answered.errorCode(), u"already_answered"_s);
                QCOMPARE(query(revlogOfCard), qint64(0));
                QCOMPARE(query(repsOfCard), qint64(0));
                ++winners[u"undo"_s];
            } else {
                QCOMPARE(undone.status, 409);
                QCOMPARE(undone.errorCode(), u"stale_card"_s);
                QCOMPARE(query(revlogOfCard), qint64(2));
                QCOMPARE(query(repsOfCard), qint64(2));
                ++winners[u"answer"_s];
            }
        }
        qInfo() << "winners over 12 rounds:" << winners;
    }

    // One device suspends a card (with the ETag it showed) while another
    // answers it (with the reps it showed): one wins, the other is refused.
    void suspendRacesAnAnswer_exactlyOneWins()
    {
        QMap<QString, int> winners;
        for (int round = 0; round < 12; ++round) {
            const qint64 cardId = addCard(u"suspend race %1"_s.arg(round));
            const QByteArray etag = call("GET", u"/api/v1/cards/%1"_s.arg(cardId)).header("etag");
            std::array<net::HttpResult, 2> results;
            runThreads(2, [&](int i) {
                auto http = m_server->client();
                results[size_t(i)] = i == 0
                    ? testsupport::call(*http, "PUT", u"/api/v1/cards/%1/suspended"_s.arg(cardId),
                        m_student.token, {{u"suspended"_s, true}}, {{"If-Match", etag}})
                    : testsupport::call(*http, "POST", u"/api/v1/review/answer"_s, m_student.token,
                        {{u"card_id"_s, cardId}, {u"ease"_s, 3}, {u"expected_reps"_s, 0}});
            });
            const auto &[suspended, answered] = results;
            QVERIFY2((suspended.status == 200) != (answered.status == 200),
                qPrintable(u"suspend %1, answer %2"_s.arg(suspended.status).arg(answered.status)));
            const qint64 revlog = query(u"SELECT count(*) FROM revlog WHERE cid = %1"_s.arg(cardId));
            const qint64 queue = query(u"SELECT queue FROM cards WHERE id = %1"_s.arg(cardId));
            if (suspended.status == 200) {
                QCOMPARE(answered.status, 409);
                QCOMPARE(answered.errorCode(), u"card_not_reviewable"_s);
                QCOMPARE(revlog, qint64(0));
                QCOMPARE(queue, qint64(-1));
                ++winners[u"suspend"_s];
            } else {
                QCOMPARE(suspended.status, 412);
                QCOMPARE(suspended.errorCode(), u"stale_card"_s);
                QCOMPARE(revlog, qint64(1));
                QVERIFY(queue >= 0);
                ++winners[u"answer"_s];
            }
        }
        qInfo() << "winners over 12 rounds:" << winners;
    }
};

QTEST_GUILESS_MAIN(TestApiUndo)
#include "tst_apiundo.moc"
