#pragma once

#include "net/httpclient.h"
#include "runcontext.h"

#include <QJsonObject>

#include <optional>

namespace javumbo::loadtest {

// A card the load tester sends: the tag is its identity in the whole run.
struct CardPayload
{
    QString tag;
    QString front;
    QString back;
    QString deckName;
    qint64 deckId = 0; // 0: the session's current deck
};

// A card as a response showed it.
struct SeenCard
{
    qint64 cardId = 0;
    int reps = 0;
    QString tag;
    qint64 undoId = 0; // an answer's: what POST /review/undo takes
};

// One virtual user's connection to the server, acting as one account: every
// call is one HTTP request recorded in the history as an invoke and its
// completion, with the identity the response revealed. Used by one thread.
class ApiActor
{
public:
    ApiActor(RunContext &context, QString virtualUser, QString scenario, TestAccount &account);

    TestAccount &account() { return m_account; }
    RunContext &context() { return m_context; }
    void setScenario(const QString &scenario) { m_scenario = scenario; }
    // Closes the connection, keeping the session: the next request connects
    // from whichever thread makes it (a socket belongs to the thread that made it).
    void releaseConnection() { m_client.close(); }
    bool hasSession() const { return !m_token.isEmpty(); }
    // The next operation's intended start (open model); by default it is the invoke time.
    void setIntendedStart(qint64 intendedUs) { m_intendedUs = intendedUs; }

    bool registerAccount();
    bool login();
    bool logout();
    // GET /me with the token the last logout ended: 401 expected (the original
    // app's logged-out session came back to life).
    void probeEndedSession();
    void me();
    std::optional<qint64> createDeck(const QString &name);
    std::optional<SeenCard> addCard(const CardPayload &card, const QString &idempotencyKey = {});
    // Sends the add and hangs up without reading the answer: a client that gave up.
    void addCardAndHangUp(const CardPayload &card, const QString &idempotencyKey);

    enum class NextStatus
    {
        Card,
        NothingDue,
        Failed
    };
    std::pair<NextStatus, SeenCard> reviewNext(qint64 deckId);
    // `conflictAcceptable`: a 409 already_answered is a legitimate outcome (several devices).
    std::optional<SeenCard> answer(qint64 cardId, int ease, int expectedReps, bool conflictAcceptable);
    // POST /review/undo of an answer this actor made (`answered`, as answer() returned it).
    void undo(const SeenCard &answered);

    static QString markerOf(const QString &back);
    static QString usernameOfTag(const QString &tag);

private:
    history::Operation begin(const QString &op);
    history::Operation beginAdd(const CardPayload &card, const QString &idempotencyKey, net::HttpCall *call);
    // Sends, completes and records `operation`; returns the response when one arrived.
    std::optional<net::HttpResult> perform(history::Operation &operation, const net::HttpCall &call);
    void observeCard(history::Operation &operation, const QJsonObject &card) const;
    net::HttpCall authorized(QByteArray method, QString path, const QJsonObject &body = {}) const;

    RunContext &m_context;
    QString m_virtualUser;
    QString m_scenario;
    TestAccount &m_account;
    net::HttpClient m_client;
    QString m_token;
    QString m_sessionName;
    QString m_endedToken;
    QString m_endedSessionName;
    qint64 m_intendedUs = -1;
};

} // namespace javumbo::loadtest
