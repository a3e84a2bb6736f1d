// What a remote profile survives: a server restart, a lost reply, a busy
// server, the network gone, a token that stopped working, a server of
// another version; and that signing out ends the session on the server.
#include "api/apiserver.h"
#include "client/clientcontext.h"
#include "client/errormessages.h"
#include "net/httpclient.h"
#include "client/remote/remoterequest.h"
#include "remotefixture.h"
#include "testserver.h"

#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <thread>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::testsupport;

namespace {

collection::NewCard newCard(const QString &front)
{
    return collection::NewCard {front, u"back"_s, 1, {}, {}};
}

// GET /me with `token`, straight to the server: its status.
int meStatus(server::EmbeddedServer &server, const QString &token)
{
    net::HttpClient http(u"127.0.0.1"_s, server.port());
    return call(http, "GET", u"/api/v1/me"_s, token).status;
}

// Counts the server's 503 answers into `busy`, on the server's thread.
void countBusy(server::EmbeddedServer &embedded, std::atomic<int> &busy)
{
    QObject::connect(
        &embedded.server(), &server::ApiServer::requestFinished, &embedded.server(),
        [&busy](const server::AccessLogEntry &entry) {
            if (entry.status == 503)
                ++busy;
        },
        Qt::DirectConnection);
}

QByteArray response(const QByteArray &status, const QByteArray &body)
{
    return "HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

} // namespace

class TestRemoteFailures : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { m_fixture = std::make_unique<RemoteFixture>(); }
    void cleanup() { m_fixture.reset(); }

    void session_survivesAServerRestart()
    {
        auto &remote = m_fixture->remote();
        QSignalSpy signIn(&m_fixture->session(), &RemoteSession::signInRequired);
        const auto added = remote.addCard(newCard(u"before"_s));
        QVERIFY(added);
        m_fixture->stopServer();
        m_fixture->startServer(); // the same data directory, a new port behind the same proxy
        const auto again = remote.card(added->cardId);
        QVERIFY2(again, qPrintable(again ? QString() : again.error().message));
        QCOMPARE(again->front, u"before"_s);
        QVERIFY(remote.addCard(newCard(u"after"_s)));
        QCOMPARE(signIn.count(), 0); // the token was still good
        QCOMPARE(m_fixture->cardsInFile(), 2);
    }

    void signOut_revokesTheTokenOnTheServer()
    {
        auto &session = m_fixture->session();
        QVERIFY(m_fixture->remote().decks());
        const QString token = session.token();
        QCOMPARE(meStatus(m_fixture->server(), token), 200);
        QVERIFY(session.signOut());
        QVERIFY(session.token().isEmpty());
        QCOMPARE(meStatus(m_fixture->server(), token), 401);
    }

    void signInAgain_continuesTheSameCall()
    {
        auto &session = m_fixture->session();
        QVERIFY(m_fixture->remote().decks());
        // The token stops working behind the client's back (revoked elsewhere).
        net::HttpClient http(u"127.0.0.1"_s, m_fixture->server().port());
        QCOMPARE(call(http, "POST", u"/api/v1/logout"_s, session.token()).status, 204);

        // What the main window does on signInRequired: ask the password, sign in, hand over the token.
        QObject::connect(&session, &RemoteSession::signInRequired, &session, [&] {
            auto token
                = RemoteSession::signIn(m_fixture->url(), m_fixture->username(), m_fixture->password());
            QVERIFY(token);
            session.reauthenticate(token.value());
        });
        QSignalSpy asked(&session, &RemoteSession::signInRequired);
        const auto added = m_fixture->remote().addCard(newCard(u"after sign-in"_s));
        QVERIFY2(added, qPrintable(added ? QString() : added.error().message));
        QCOMPARE(asked.count(), 1);
        QCOMPARE(m_fixture->cardsInFile(), 1);
        QCOMPARE(meStatus(m_fixture->server(), session.token()), 200);
    }

    void signInOnTheUiThread_whileTheWorkerWaits()
    {
        // As the app runs it: views call through ClientContext's worker thread; the sign-in dialog is
        // on the UI thread and must not block it.
        auto &session = m_fixture->session();
        QVERIFY(m_fixture->remote().decks());
        net::HttpClient http(u"127.0.0.1"_s, m_fixture->server().port());
        QCOMPARE(call(http, "POST", u"/api/v1/logout"_s, session.token()).status, 204);

        gui::ClientContext context;
        context.setClient(m_fixture->remotePointer());
        QObject window;
        QThread *askedOn = nullptr;
        QObject::connect(&session, &RemoteSession::signInRequired, &window, [&] {
            askedOn = QThread::currentThread();
            RemoteSession::signInAsync(m_fixture->url(), m_fixture->username(), m_fixture->password(),
                &window, [&](Result<QString> token) {
                    QVERIFY(token);
                    session.reauthenticate(token.value());
                });
        });
        QThread *calledOn = nullptr;
        std::optional<Result<qint64>> added;
        context.call(
            &window,
            [&calledOn](gui::CollectionClient &client) -> Result<qint64> {
                calledOn = QThread::currentThread();
                auto card = client.addCard(newCard(u"added through the worker"_s));
                if (!card)
                    return card.error();
                return card->cardId;
            },
            [&added](Result<qint64> result) { added = std::move(result); });
        QTRY_VERIFY_WITH_TIMEOUT(added.has_value(), 20000);
        QVERIFY2(*added, qPrintable(added->ok() ? QString() : added->error().message));
        QCOMPARE(askedOn, QThread::currentThread()); // the dialog's thread
        QVERIFY(calledOn != QThread::currentThread()); // never the UI thread
        QCOMPARE(m_fixture->cardsInFile(), 1);
    }

    void signInGivenUp_isNotAuthenticated()
    {
        auto &session = m_fixture->session();
        QVERIFY(m_fixture->remote().decks());
        net::HttpClient http(u"127.0.0.1"_s, m_fixture->server().port());
        QCOMPARE(call(http, "POST", u"/api/v1/logout"_s, session.token()).status, 204);
        QObject::connect(&session, &RemoteSession::signInRequired, &session, [&] { session.cancelSignIn(); });
        const auto decks = m_fixture->remote().decks();
        QCOMPARE(decks.code(), ErrorCode::NotAuthenticated);
    }

    void wrongPassword_isTheLocalSentence()
    {
        const auto token
            = RemoteSession::signIn(m_fixture->url(), m_fixture->username(), u"not-the-password"_s);
        QCOMPARE(token.code(), ErrorCode::BadCredentials);
        QCOMPARE(gui::errorMessage(token.error()), u"Wrong password."_s);
    }

    void droppedReplyToAnAdd_makesOneCard()
    {
        auto &remote = m_fixture->remote();
        QVERIFY(remote.decks()); // connected: the next POST is the add
        QSignalSpy online(&m_fixture->session(), &RemoteSession::onlineChanged);
        m_fixture->proxy().dropReplyOnce("POST /api/v1/cards ");
        const auto added = remote.addCard(newCard(u"only once"_s));
        QVERIFY2(added, qPrintable(added ? QString() : added.error().message));
        QCOMPARE(m_fixture->proxy().repliesDropped(), 1);
        QCOMPARE(m_fixture->proxy().requestsSeen("POST /api/v1/cards "), 2); // sent again, same key
        QCOMPARE(m_fixture->cardsInFile(), 1);
        QCOMPARE(
            testsupport::queryNumber(m_fixture->collectionPath(), u"SELECT id FROM cards"_s), added->cardId);
    }

    void droppedReplyToAnAnswer_answersOnce()
    {
        auto &remote = m_fixture->remote();
        QVERIFY(remote.addCard(newCard(u"answer me"_s)));
        const auto next = remote.nextCard(1);
        QVERIFY(next && next->has_value());
        m_fixture->proxy().dropReplyOnce("POST /api/v1/review/answer ");
        const auto answered = remote.answer({(*next)->card.cardId, 3, 1000, (*next)->card.state.reps});
        QCOMPARE(m_fixture->proxy().repliesDropped(), 1);
        // Qt sends a request again when the connection closes before any answer (even a POST); the
        // expected_reps of the answer lets the server take it once, and the client says already_answered.
        QVERIFY2(answered.code() == ErrorCode::NetworkError || answered.code() == ErrorCode::AlreadyAnswered,
            qPrintable(answered.error().message));
        QCOMPARE(testsupport::queryNumber(m_fixture->collectionPath(), u"SELECT count(*) FROM revlog"_s), 1);
        QCOMPARE(m_fixture->local().card((*next)->card.cardId)->state.reps, 1);
    }

    void busyServer_isRetriedAfterRetryAfter()
    {
        auto &remote = m_fixture->remote();
        QVERIFY(remote.decks());
        std::atomic<int> busy {0};
        countBusy(m_fixture->server(), busy);
        // Someone else holds the user's lock: the server answers 503 user_busy + Retry-After.
        auto held = m_fixture->server().backend().locks().acquire(
            m_fixture->userId(), std::chrono::milliseconds(0));
        QVERIFY(held.isLocked());
        Result<collection::CardRecord> added = makeError(ErrorCode::Internal, u"not run"_s);
        std::thread caller([&] { added = remote.addCard(newCard(u"patient"_s)); });
        QTRY_COMPARE_WITH_TIMEOUT(busy.load(), 1, 10000);
        held.release();
        caller.join();
        QVERIFY2(added, qPrintable(added ? QString() : added.error().message));
        QCOMPARE(busy.load(), 1);
        QCOMPARE(m_fixture->cardsInFile(), 1);
    }

    void busyTooLong_givesUpWithTheLocalSentence()
    {
        RemoteSession::Options options;
        options.maxAttempts = 2;
        auto session = std::make_shared<RemoteSession>(
            RemoteEndpoint {m_fixture->url(), m_fixture->username()}, m_fixture->session().token(), options);
        gui::RemoteCollectionClient remote(session);
        QVERIFY(remote.decks());
        std::atomic<int> busy {0};
        countBusy(m_fixture->server(), busy);
        auto held = m_fixture->server().backend().locks().acquire(
            m_fixture->userId(), std::chrono::milliseconds(0));
        const auto refused = remote.addCard(newCard(u"never"_s));
        held.release();
        QCOMPARE(refused.code(), ErrorCode::UserBusy);
        QCOMPARE(gui::errorMessage(refused.error()),
            u"Your collection is busy (the server is working on it). Try again in a moment."_s);
        // Bounded: two attempts, then the error (the server counts its answer just after sending it).
        QTRY_COMPARE(busy.load(), 2);
        QCOMPARE(m_fixture->cardsInFile(), 0);
        QVERIFY(session->isOnline()); // busy is not offline
    }

    void unreachableServer_isOfflineAndChangesNothing()
    {
        auto &remote = m_fixture->remote();
        QVERIFY(remote.decks());
        QSignalSpy online(&m_fixture->session(), &RemoteSession::onlineChanged);
        m_fixture->proxy().setReachable(false);

        const auto lost = remote.addCard(newCard(u"typed while offline"_s));
        QCOMPARE(lost.code(), ErrorCode::NetworkError);
        QVERIFY2(gui::errorMessage(lost.error()).startsWith(u"Offline"_s), qPrintable(lost.error().message));
        QCOMPARE(online.count(), 1);
        QCOMPARE(online.at(0).at(0).toBool(), false);
        QVERIFY(!m_fixture->session().isOnline());
        QCOMPARE(remote.decks().code(), ErrorCode::NetworkError);
        QCOMPARE(online.count(), 1); // told once
        QCOMPARE(m_fixture->cardsInFile(), 0);

        m_fixture->proxy().setReachable(true);
        QVERIFY(remote.addCard(newCard(u"typed while offline"_s))); // the kept input, sent again
        QCOMPARE(online.count(), 2);
        QCOMPARE(online.at(1).at(0).toBool(), true);
        QCOMPARE(m_fixture->cardsInFile(), 1);
    }

    // A broken or hostile server cannot make the app hold an unbounded answer:
    // a declared size over the bound is refused before its body arrives, an
    // answer without one once it grows past the bound. Neither is "offline",
    // neither is retried, and the next call goes on normally.
    void oversizedAnswer_isRefusedNotHeld()
    {
        auto &remote = m_fixture->remote();
        QVERIFY(remote.decks());
        m_fixture->proxy().answerOnce("GET /api/v1/decks",
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10000000000\r\n\r\n[{");
        const auto decks = remote.decks();
        QCOMPARE(decks.code(), ErrorCode::PayloadTooLarge);
        QVERIFY2(gui::errorMessage(decks.error()).contains(u"larger than 64 MiB"_s),
            qPrintable(decks.error().message));
        QVERIFY(m_fixture->session().isOnline());
        QCOMPARE(m_fixture->proxy().requestsSeen("GET /api/v1/decks"), 2); // not sent again
        QVERIFY(remote.decks()); // the real server again

        gui::RemoteRequest health;
        health.path = u"/health"_s;
        health.authenticated = false;
        health.maxReplyBytes = 1024 * 1024;
        m_fixture->proxy().answerOnce("GET /api/v1/health ",
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n"
                + QByteArray(2 * 1024 * 1024, 'a'));
        const auto endless = m_fixture->session().send(health);
        QCOMPARE(endless.code(), ErrorCode::PayloadTooLarge);
        QVERIFY(m_fixture->session().send(health)); // within the bound: the real answer
    }

    void serverOfAnotherVersion_isIncompatible_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::newRow("no /api/v1") << response(
            "404 Not Found", R"({"error":{"code":"not_found","message":"no route","request_id":"x"}})");
        QTest::newRow("api_version 2")
            << response("200 OK", R"({"status":"ok","version":"2.0.0","api_version":2})");
    }

    void serverOfAnotherVersion_isIncompatible()
    {
        QFETCH(QByteArray, answer);
        auto session = std::make_shared<RemoteSession>(
            RemoteEndpoint {m_fixture->url(), m_fixture->username()}, m_fixture->session().token());
        QSignalSpy incompatible(session.get(), &RemoteSession::serverIncompatible);
        m_fixture->proxy().answerOnce("GET /api/v1/health ", answer);
        gui::RemoteCollectionClient client(session);
        const auto decks = client.decks();
        QVERIFY(!decks);
        QCOMPARE(incompatible.count(), 1);
        QVERIFY(incompatible.at(0).at(0).toString().contains(u"API version 1"_s));
        QCOMPARE(decks.error().message, incompatible.at(0).at(0).toString());
        QVERIFY(client.decks()); // the real server, once the proxy stops pretending
    }

private:
    std::unique_ptr<RemoteFixture> m_fixture;
};

QTEST_GUILESS_MAIN(TestRemoteFailures)
#include "tst_remotefailures.moc"
