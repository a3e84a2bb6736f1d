#include "historyindex.h"

#include "accounts/credentialrules.h"

using namespace Qt::StringLiterals;
using javumbo::history::Outcome;

namespace javumbo::integrity {

OpRef opRef(const history::Operation &operation)
{
    return OpRef {operation.seq, operation.requestId, operation.completeUs};
}

QString HistoryIndex::userKey(const QString &username)
{
    return credentialrules::usernameKey(username);
}

HistoryUser &HistoryIndex::user(const history::Operation &operation)
{
    HistoryUser &user = m_users[userKey(operation.username)];
    if (user.username.isEmpty())
        user.username = operation.username;
    if (user.userId == 0)
        user.userId = operation.userId;
    return user;
}

bool HistoryIndex::add(const history::Operation &operation)
{
    addInstance(operation);
    if (operation.username.isEmpty())
        return false;
    if (operation.op == u"register"_s && operation.outcome == Outcome::Ok) {
        // The id the server answered is the truth about the account; the
        // operation's userId is what the load tester believed.
        const qint64 id = operation.observedUserId != 0 ? operation.observedUserId : operation.userId;
        m_registrations.append({operation.username, id, operation.email, opRef(operation)});
        HistoryUser &registered = user(operation);
        registered.registered = true;
        if (registered.userId == 0)
            registered.userId = id;
        return false;
    }
    if (operation.op == u"add_card"_s && !operation.tag.isEmpty())
        return addCard(operation);
    if (operation.op == u"review_answer"_s && operation.cardId != 0)
        addAnswer(operation);
    if (operation.op == u"review_undo"_s && operation.cardId != 0)
        addUndo(operation);
    else if (operation.outcome == Outcome::Ok)
        user(operation); // learns the user and, possibly, its id
    return false;
}

void HistoryIndex::addInstance(const history::Operation &operation)
{
    if (!operation.instance.isEmpty())
        m_instances.insert(operation.instance);
    static const QSet<QString> writes {u"add_card"_s, u"create_deck"_s, u"review_answer"_s, u"review_undo"_s};
    if (operation.scenario != u"hot_user"_s || operation.outcome != Outcome::Ok
        || !writes.contains(operation.op))
        return;
    ++m_hotUserWrites;
    if (!operation.instance.isEmpty())
        m_hotUserWriteInstances.insert(operation.instance);
}

bool HistoryIndex::addCard(const history::Operation &operation)
{
    user(operation).owns = true;
    auto it = m_tags.find(operation.tag);
    if (it == m_tags.end()) {
        TagAttempt attempt;
        attempt.tag = operation.tag;
        attempt.username = operation.username;
        attempt.front = operation.front;
        attempt.back = operation.back;
        attempt.deckName = operation.deckName;
        attempt.op = opRef(operation);
        it = m_tags.insert(operation.tag, attempt);
    }
    TagAttempt &attempt = it.value();
    if (attempt.userId == 0)
        attempt.userId = operation.userId;
    switch (operation.outcome) {
    case Outcome::Ok:
        if (attempt.acknowledged)
            return false;
        attempt.acknowledged = true;
        attempt.cardId = operation.cardId;
        attempt.op = opRef(operation);
        ++m_acknowledged;
        return true;
    case Outcome::Info:
        attempt.uncertain = true;
        return false;
    case Outcome::Fail:
        return false;
    }
    return false;
}

void HistoryIndex::addAnswer(const history::Operation &operation)
{
    user(operation).owns = true;
    AnswerTally &tally = m_answers[{userKey(operation.username), operation.cardId}];
    if (tally.cardId == 0) {
        tally.username = operation.username;
        tally.cardId = operation.cardId;
    }
    if (tally.userId == 0)
        tally.userId = operation.userId;
    switch (operation.outcome) {
    case Outcome::Ok:
        ++tally.ok;
        tally.maxRepsAfter = std::max(tally.maxRepsAfter, operation.repsAfter);
        if (tally.op.seq == 0 || tally.ok == 1 || operation.seq > tally.op.seq)
            tally.op = opRef(operation);
        break;
    case Outcome::Info:
        ++tally.info;
        if (tally.ok == 0 && operation.seq > tally.op.seq)
            tally.op = opRef(operation);
        break;
    case Outcome::Fail:
        break;
    }
}

void HistoryIndex::addUndo(const history::Operation &operation)
{
    AnswerTally &tally = m_answers[{userKey(operation.username), operation.cardId}];
    if (tally.cardId == 0) {
        tally.username = operation.username;
        tally.cardId = operation.cardId;
    }
    if (operation.outcome == Outcome::Ok)
        ++tally.undone;
    else if (operation.outcome == Outcome::Info)
        ++tally.undoInfo;
}

} // namespace javumbo::integrity
