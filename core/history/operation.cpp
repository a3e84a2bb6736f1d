#include "operation.h"

using namespace Qt::StringLiterals;

namespace javumbo::history {

QString outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Ok:
        return u"ok"_s;
    case Outcome::Fail:
        return u"fail"_s;
    case Outcome::Info:
        return u"info"_s;
    }
    return u"info"_s;
}

std::optional<Outcome> outcomeFromName(const QString &name)
{
    for (Outcome outcome : {Outcome::Ok, Outcome::Fail, Outcome::Info}) {
        if (outcomeName(outcome) == name)
            return outcome;
    }
    return std::nullopt;
}

Outcome outcomeOfStatus(int status)
{
    if (status >= 200 && status < 300)
        return Outcome::Ok;
    // 408 and 429 say "not now", and a 5xx may have happened after a commit:
    // neither is a definite refusal.
    if (status >= 400 && status < 500 && status != 408 && status != 429)
        return Outcome::Fail;
    return Outcome::Info;
}

QJsonObject Operation::toJson() const
{
    QJsonObject object {
        {u"seq"_s, seq},
        {u"vu"_s, virtualUser},
        {u"scenario"_s, scenario},
        {u"op"_s, op},
        {u"username"_s, username},
        {u"user_id"_s, userId},
        {u"intended_us"_s, intendedUs},
        {u"invoke_us"_s, invokeUs},
        {u"complete_us"_s, completeUs},
        {u"status"_s, status},
        {u"outcome"_s, outcomeName(outcome)},
        {u"request_id"_s, requestId},
    };
    // Only what the operation carries, so requests.jsonl stays readable.
    const auto putText = [&object](const QString &key, const QString &value) {
        if (!value.isEmpty())
            object.insert(key, value);
    };
    const auto putNumber = [&object](const QString &key, qint64 value, qint64 absent) {
        if (value != absent)
            object.insert(key, value);
    };
    putNumber(u"expected_status"_s, expectedStatus, 0);
    putText(u"email"_s, email);
    putText(u"error"_s, errorCode);
    putText(u"instance"_s, instance);
    putText(u"tag"_s, tag);
    putText(u"front"_s, front);
    putText(u"back"_s, back);
    putText(u"deck"_s, deckName);
    putNumber(u"deck_id"_s, deckId, 0);
    putText(u"idempotency_key"_s, idempotencyKey);
    putNumber(u"card_id"_s, cardId, 0);
    putNumber(u"ease"_s, ease, 0);
    putNumber(u"expected_reps"_s, expectedReps, -1);
    putNumber(u"reps_after"_s, repsAfter, -1);
    putNumber(u"observed_user_id"_s, observedUserId, 0);
    putText(u"observed_username"_s, observedUsername);
    putText(u"session"_s, sessionId);
    return object;
}

std::optional<Operation> Operation::fromJson(const QJsonObject &object)
{
    const std::optional<Outcome> outcome = outcomeFromName(object.value(u"outcome"_s).toString());
    if (!outcome || !object.value(u"seq"_s).isDouble() || object.value(u"op"_s).toString().isEmpty())
        return std::nullopt;
    const auto number = [&object](const QString &key, qint64 absent) {
        const QJsonValue value = object.value(key);
        return value.isDouble() ? value.toInteger() : absent;
    };
    const auto text = [&object](const QString &key) { return object.value(key).toString(); };

    Operation operation;
    operation.seq = number(u"seq"_s, 0);
    operation.virtualUser = text(u"vu"_s);
    operation.scenario = text(u"scenario"_s);
    operation.op = text(u"op"_s);
    operation.username = text(u"username"_s);
    operation.userId = number(u"user_id"_s, 0);
    operation.intendedUs = number(u"intended_us"_s, 0);
    operation.invokeUs = number(u"invoke_us"_s, 0);
    operation.completeUs = number(u"complete_us"_s, 0);
    operation.status = int(number(u"status"_s, 0));
    operation.outcome = *outcome;
    operation.expectedStatus = int(number(u"expected_status"_s, 0));
    operation.email = text(u"email"_s);
    operation.errorCode = text(u"error"_s);
    operation.requestId = text(u"request_id"_s);
    operation.instance = text(u"instance"_s);
    operation.tag = text(u"tag"_s);
    operation.front = text(u"front"_s);
    operation.back = text(u"back"_s);
    operation.deckName = text(u"deck"_s);
    operation.deckId = number(u"deck_id"_s, 0);
    operation.idempotencyKey = text(u"idempotency_key"_s);
    operation.cardId = number(u"card_id"_s, 0);
    operation.ease = int(number(u"ease"_s, 0));
    operation.expectedReps = int(number(u"expected_reps"_s, -1));
    operation.repsAfter = int(number(u"reps_after"_s, -1));
    operation.observedUserId = number(u"observed_user_id"_s, 0);
    operation.observedUsername = text(u"observed_username"_s);
    operation.sessionId = text(u"session"_s);
    return operation;
}

} // namespace javumbo::history
