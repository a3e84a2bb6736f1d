#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace javumbo::history {

// Jepsen's completion types (docs/architecture.md §6): ok is a 2xx, fail a
// definite refusal (a 4xx other than 408/429-as-unknown), info anything whose
// effect on the server is unknown (timeout, reset, 5xx, 503).
enum class Outcome
{
    Ok,
    Fail,
    Info
};

QString outcomeName(Outcome outcome);
std::optional<Outcome> outcomeFromName(const QString &name);
// The outcome of an HTTP status; status 0 means no response (transport failure).
Outcome outcomeOfStatus(int status);

// One invoke and its completion, as the load tester saw it. Every field a
// check needs is typed here; requests.jsonl holds one of these per line.
// Times are microseconds since the run's start (History::startedAt()).
struct Operation
{
    qint64 seq = 0; // position in the history, from 1
    QString virtualUser; // "writer-3", "reviewer-12", "setup"
    QString scenario; // registration, writers, reviewers, sessions, hot_user, retries, setup, audit
    QString op; // register, login, logout, me, create_deck, add_card, get_card, list_cards,
                // review_next, review_answer, review_undo, stats
    QString username; // the account the operation acts as
    qint64 userId = 0; // that account's id, once registration told it (0 before)
    QString email; // register: the email sent

    qint64 intendedUs = 0; // when the schedule wanted it to start (open model); = invokeUs otherwise
    qint64 invokeUs = 0;
    qint64 completeUs = 0;

    int status = 0; // HTTP status; 0 when no response arrived
    Outcome outcome = Outcome::Info;
    QString errorCode; // docs/api.md's error.code, or network_error / timeout
    QString requestId; // X-Request-Id sent (and echoed)
    // The instance that answered (its X-Javumbo-Instance, serve --instance-id); empty when the
    // server names none or nothing answered. Behind a load balancer: which instance did what.
    QString instance;
    // A non-2xx status the load tester also accepts (a probe of a logged-out token
    // expects 401; a concurrent answer with expected_reps may get 409); 0: none.
    int expectedStatus = 0;

    // add_card (and get_card / review_answer where it applies)
    QString tag; // the payload tag "u_n": [MARKER:u_n] on the back
    QString front;
    QString back;
    QString deckName; // the deck the card was meant for
    qint64 deckId = 0;
    QString idempotencyKey; // set when the request carried one (retries reuse it)
    qint64 cardId = 0; // from the response (or the card answered)

    // review_answer
    int ease = 0;
    int expectedReps = -1; // -1: not sent
    int repsAfter = -1; // the reps the server returned

    // identity: who the server said this session belongs to (register, login, me,
    // or the owner implied by a card response); 0 / empty when not observed
    qint64 observedUserId = 0;
    QString observedUsername;
    QString sessionId; // the load tester's name for the token used ("s17"), never the token

    // An answer the run did not want: neither a 2xx nor the expected status.
    bool isError() const { return outcome != Outcome::Ok && status != expectedStatus; }
    qint64 latencyUs() const { return completeUs - intendedUs; }
    qint64 serviceUs() const { return completeUs - invokeUs; }

    QJsonObject toJson() const;
    static std::optional<Operation> fromJson(const QJsonObject &object);
};

} // namespace javumbo::history
