#include "apiactor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;
using javumbo::history::Operation;
using javumbo::history::Outcome;
using javumbo::history::outcomeOfStatus;
using javumbo::net::HttpCall;
using javumbo::net::HttpResult;

namespace javumbo::loadtest {

namespace {

QByteArray jsonBytes(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

ApiActor::ApiActor(RunContext &context, QString virtualUser, QString scenario, TestAccount &account)
    : m_context(context)
    , m_virtualUser(std::move(virtualUser))
    , m_scenario(std::move(scenario))
    , m_account(account)
    , m_client(context.host(), context.port(), std::chrono::milliseconds(context.profile().clientTimeoutMs))
{ }

QString ApiActor::markerOf(const QString &back)
{
    static const QRegularExpression marker(u"\\[MARKER:([^\\]]+)\\]"_s);
    return marker.match(back).captured(1);
}

QString ApiActor::usernameOfTag(const QString &tag)
{
    const qsizetype underscore = tag.lastIndexOf(u'_');
    return underscore > 0 ? tag.left(underscore) : QString();
}

Operation ApiActor::begin(const QString &op)
{
    Operation operation;
    operation.virtualUser = m_virtualUser;
    operation.scenario = m_scenario;
    operation.op = op;
    operation.username = m_account.username;
    operation.userId = m_account.userId;
    operation.sessionId = m_sessionName;
    operation.requestId = m_context.nextRequestId();
    return operation;
}

HttpCall ApiActor::authorized(QByteArray method, QString path, const QJsonObject &body) const
{
    HttpCall call;
    call.method = std::move(method);
    call.path = u"/api/v1"_s + path;
    call.bearerToken = m_token;
    if (!body.isEmpty())
        call.body = jsonBytes(body);
    return call;
}

std::optional<HttpResult> ApiActor::perform(Operation &operation, const HttpCall &call)
{
    HttpCall withId = call;
    withId.headers.append({"X-Request-Id", operation.requestId.toLatin1()});
    operation.invokeUs = m_context.history().nowUs();
    operation.intendedUs
        = m_intendedUs >= 0 ? std::min(m_intendedUs, operation.invokeUs) : operation.invokeUs;
    m_intendedUs = -1;
    Result<HttpResult> result = m_client.send(withId);
    operation.completeUs = m_context.history().nowUs();
    std::optional<HttpResult> response;
    if (result) {
        response = *result;
        operation.status = result->status;
        operation.outcome = outcomeOfStatus(result->status);
        operation.errorCode = result->errorCode();
        operation.instance = QString::fromLatin1(result->header("x-javumbo-instance"));
    } else {
        operation.status = 0;
        operation.outcome = Outcome::Info;
        operation.errorCode
            = result.error().message.contains(u"timed out"_s) ? u"timeout"_s : u"network_error"_s;
    }
    return response;
}

void ApiActor::observeCard(Operation &operation, const QJsonObject &card) const
{
    operation.cardId = card.value(u"card_id"_s).toInteger();
    operation.repsAfter = card.value(u"reps"_s).toInt(-1);
    const QString tag = markerOf(card.value(u"back"_s).toString());
    if (operation.tag.isEmpty())
        operation.tag = tag;
    // A card a session was shown names its owner through its tag.
    operation.observedUsername = usernameOfTag(tag);
}

bool ApiActor::registerAccount()
{
    Operation operation = begin(u"register"_s);
    operation.email = m_account.email;
    QJsonObject body {{u"username"_s, m_account.username}, {u"password"_s, m_account.password},
        {u"name"_s, m_account.name}, {u"email"_s, m_account.email}};
    if (!m_account.areaOfInterest.isEmpty())
        body.insert(u"area_of_interest"_s, m_account.areaOfInterest);
    const std::optional<HttpResult> response = perform(operation, authorized("POST", u"/register"_s, body));
    if (response && operation.outcome == Outcome::Ok) {
        const QJsonObject json = response->json().toObject();
        operation.observedUserId = json.value(u"user_id"_s).toInteger();
        operation.observedUsername = json.value(u"username"_s).toString();
        operation.userId = operation.observedUserId;
        m_account.userId = operation.observedUserId;
    }
    m_context.history().append(operation);
    return m_account.userId != 0;
}

bool ApiActor::login()
{
    m_sessionName = m_context.nextSessionName();
    Operation operation = begin(u"login"_s);
    const QJsonObject body {{u"username"_s, m_account.username}, {u"password"_s, m_account.password}};
    HttpCall call = authorized("POST", u"/login"_s, body);
    call.bearerToken.clear();
    const std::optional<HttpResult> response = perform(operation, call);
    if (response && operation.outcome == Outcome::Ok) {
        const QJsonObject json = response->json().toObject();
        m_token = json.value(u"token"_s).toString();
        operation.observedUserId = json.value(u"user_id"_s).toInteger();
        operation.observedUsername = json.value(u"username"_s).toString();
    } else {
        m_sessionName.clear();
        m_token.clear();
    }
    m_context.history().append(operation);
    return !m_token.isEmpty();
}

bool ApiActor::logout()
{
    Operation operation = begin(u"logout"_s);
    perform(operation, authorized("POST", u"/logout"_s));
    m_context.history().append(operation);
    if (operation.outcome != Outcome::Ok)
        return false;
    m_endedToken = std::exchange(m_token, {});
    m_endedSessionName = std::exchange(m_sessionName, {});
    // The next request goes out on a new connection, as another device would.
    m_client.close();
    return true;
}

void ApiActor::probeEndedSession()
{
    if (m_endedToken.isEmpty())
        return;
    Operation operation = begin(u"me"_s);
    operation.sessionId = m_endedSessionName;
    operation.expectedStatus = 401;
    HttpCall call = authorized("GET", u"/me"_s);
    call.bearerToken = m_endedToken;
    const std::optional<HttpResult> response = perform(operation, call);
    if (response && operation.outcome == Outcome::Ok) {
        const QJsonObject json = response->json().toObject();
        operation.observedUserId = json.value(u"user_id"_s).toInteger();
        operation.observedUsername = json.value(u"username"_s).toString();
    }
    m_context.history().append(operation);
}

void ApiActor::me()
{
    Operation operation = begin(u"me"_s);
    const std::optional<HttpResult> response = perform(operation, authorized("GET", u"/me"_s));
    if (response && operation.outcome == Outcome::Ok) {
        const QJsonObject json = response->json().toObject();
        operation.observedUserId = json.value(u"user_id"_s).toInteger();
        operation.observedUsername = json.value(u"username"_s).toString();
    }
    m_context.history().append(operation);
}

std::optional<qint64> ApiActor::createDeck(const QString &name)
{
    Operation operation = begin(u"create_deck"_s);
    operation.deckName = name;
    const std::optional<HttpResult> response
        = perform(operation, authorized("POST", u"/decks"_s, {{u"name"_s, name}}));
    std::optional<qint64> deckId;
    if (response && operation.outcome == Outcome::Ok) {
        deckId = response->json().toObject().value(u"id"_s).toInteger();
        operation.deckId = *deckId;
    }
    m_context.history().append(operation);
    return deckId;
}

namespace {

QJsonObject cardBody(const CardPayload &card)
{
    QJsonObject body {{u"front"_s, card.front}, {u"back"_s, card.back}};
    if (card.deckId != 0)
        body.insert(u"deck_id"_s, card.deckId);
    return body;
}

} // namespace

Operation ApiActor::beginAdd(const CardPayload &card, const QString &idempotencyKey, HttpCall *call)
{
    Operation operation = begin(u"add_card"_s);
    operation.tag = card.tag;
    operation.front = card.front;
    operation.back = card.back;
    operation.deckName = card.deckName;
    operation.deckId = card.deckId;
    operation.idempotencyKey = idempotencyKey;
    *call = authorized("POST", u"/cards"_s, cardBody(card));
    if (!idempotencyKey.isEmpty())
        call->headers.append({"Idempotency-Key", idempotencyKey.toLatin1()});
    return operation;
}

std::optional<SeenCard> ApiActor::addCard(const CardPayload &card, const QString &idempotencyKey)
{
    HttpCall call;
    Operation operation = beginAdd(card, idempotencyKey, &call);
    const std::optional<HttpResult> response = perform(operation, call);
    std::optional<SeenCard> seen;
    if (response && operation.outcome == Outcome::Ok) {
        const QJsonObject json = response->json().toObject();
        observeCard(operation, json);
        operation.tag = card.tag;
        seen = SeenCard {operation.cardId, operation.repsAfter, card.tag};
    }
    m_context.history().append(operation);
    return seen;
}

void ApiActor::addCardAndHangUp(const CardPayload &card, const QString &idempotencyKey)
{
    HttpCall call;
    Operation operation = beginAdd(card, idempotencyKey, &call);
    call.headers.append({"X-Request-Id", operation.requestId.toLatin1()});
    operation.invokeUs = operation.intendedUs = m_context.history().nowUs();
    const Result<void> sent = m_client.sendAndHangUp(call);
    operation.completeUs = m_context.history().nowUs();
    operation.outcome = Outcome::Info; // its effect is unknown by construction
    operation.errorCode = sent ? u"client_gave_up"_s : u"network_error"_s;
    m_context.history().append(operation);
}

std::pair<ApiActor::NextStatus, SeenCard> ApiActor::reviewNext(qint64 deckId)
{
    Operation operation = begin(u"review_next"_s);
    operation.deckId = deckId;
    const QString path = deckId ? u"/review/next?deck_id=%1"_s.arg(deckId) : u"/review/next"_s;
    const std::optional<HttpResult> response = perform(operation, authorized("GET", path));
    std::pair<NextStatus, SeenCard> next {NextStatus::Failed, {}};
    if (response && response->status == 204) {
        next.first = NextStatus::NothingDue;
    } else if (response && operation.outcome == Outcome::Ok) {
        observeCard(operation, response->json().toObject().value(u"card"_s).toObject());
        next = {NextStatus::Card, SeenCard {operation.cardId, operation.repsAfter, operation.tag}};
        // review_next only reads: its reps is what the card had, not an answer's result.
        operation.repsAfter = -1;
    }
    m_context.history().append(operation);
    return next;
}

std::optional<SeenCard> ApiActor::answer(qint64 cardId, int ease, int expectedReps, bool conflictAcceptable)
{
    Operation operation = begin(u"review_answer"_s);
    operation.cardId = cardId;
    operation.ease = ease;
    operation.expectedReps = expectedReps;
    if (conflictAcceptable)
        operation.expectedStatus = 409;
    QJsonObject body {{u"card_id"_s, cardId}, {u"ease"_s, ease}, {u"time_taken_ms"_s, 4000}};
    if (expectedReps >= 0)
        body.insert(u"expected_reps"_s, expectedReps);
    const std::optional<HttpResult> response
        = perform(operation, authorized("POST", u"/review/answer"_s, body));
    std::optional<SeenCard> seen;
    if (response && operation.outcome == Outcome::Ok) {
        const QJsonObject json = response->json().toObject();
        observeCard(operation, json);
        operation.cardId = cardId;
        seen = SeenCard {cardId, operation.repsAfter, operation.tag, json.value(u"undo_id"_s).toInteger()};
    }
    m_context.history().append(operation);
    return seen;
}

void ApiActor::undo(const SeenCard &answered)
{
    Operation operation = begin(u"review_undo"_s);
    operation.cardId = answered.cardId; // the card whose answer (one revlog row, one rep) is taken back
    const std::optional<HttpResult> response = perform(
        operation, authorized("POST", u"/review/undo"_s, QJsonObject {{u"undo_id"_s, answered.undoId}}));
    if (response && operation.outcome == Outcome::Ok) {
        observeCard(operation, response->json().toObject());
        operation.cardId = answered.cardId;
        operation.repsAfter = -1; // the card as before an answer: no answer's result
    }
    m_context.history().append(operation);
}

} // namespace javumbo::loadtest
