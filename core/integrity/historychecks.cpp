#include "historychecks.h"

#include "accounts/credentialrules.h"

using namespace Qt::StringLiterals;
using javumbo::history::Outcome;

namespace javumbo::integrity {

namespace {

Violation violationOf(ViolationClass violationClass, const history::Operation &operation, QString detail)
{
    Violation violation;
    violation.violationClass = violationClass;
    violation.username = operation.username;
    violation.userId = operation.userId;
    violation.cardId = operation.cardId;
    violation.tag = operation.tag;
    violation.seq = operation.seq;
    violation.requestId = operation.requestId;
    violation.timeUs = operation.completeUs;
    violation.detail = std::move(detail);
    return violation;
}

} // namespace

QList<Violation> HistoryChecks::add(const history::Operation &operation)
{
    QList<Violation> found;
    if (operation.status == 500)
        found.append(violationOf(ViolationClass::ServerError, operation,
            u"%1 answered 500 (%2): docs/api.md calls every 500 a bug"_s.arg(
                operation.op, operation.errorCode.isEmpty() ? u"no error code"_s : operation.errorCode)));

    if (operation.observedUserId != 0 && operation.userId != 0
        && operation.observedUserId != operation.userId)
        found.append(violationOf(ViolationClass::SessionMixup, operation,
            u"%1 acting as %2 (user %3) was answered as user %4"_s.arg(operation.op, operation.username)
                .arg(operation.userId)
                .arg(operation.observedUserId)));
    else if (!operation.observedUsername.isEmpty() && !operation.username.isEmpty()
        && HistoryIndex::userKey(operation.observedUsername) != HistoryIndex::userKey(operation.username))
        found.append(violationOf(ViolationClass::SessionMixup, operation,
            u"%1 acting as %2 was answered as %3"_s.arg(
                operation.op, operation.username, operation.observedUsername)));

    checkSession(operation, found);
    checkIdentity(operation, found);
    return found;
}

Violation HistoryChecks::afterLogout(const SessionUse &use, const QString &sessionId, const Session &session)
{
    Violation violation;
    violation.violationClass = ViolationClass::SessionAfterLogout;
    violation.username = use.username;
    violation.userId = use.userId;
    violation.seq = use.ref.seq;
    violation.requestId = use.ref.requestId;
    violation.timeUs = use.ref.timeUs;
    violation.detail
        = u"%1 on session %2 invoked at %3 us succeeded, but its logout (seq %4) had completed at %5 us"_s
              .arg(use.op, sessionId)
              .arg(use.invokeUs)
              .arg(session.logoutSeq)
              .arg(session.loggedOutUs);
    return violation;
}

void HistoryChecks::checkSession(const history::Operation &operation, QList<Violation> &found)
{
    if (operation.sessionId.isEmpty() || operation.outcome != Outcome::Ok)
        return;
    Session &session = m_sessions[operation.sessionId];
    const SessionUse use {
        operation.op, operation.username, operation.userId, operation.invokeUs, opRef(operation)};
    session.uses.append(use);

    const bool isLogout = operation.op == u"logout"_s;
    if (isLogout && (session.loggedOutUs < 0 || operation.completeUs < session.loggedOutUs)) {
        // An earlier logout than any seen: re-judge every use against it.
        session.loggedOutUs = operation.completeUs;
        session.logoutSeq = operation.seq;
        for (const SessionUse &earlier : std::as_const(session.uses)) {
            // Strictly after: a request invoked before the logout completed may
            // legitimately have been served first.
            if (earlier.invokeUs > session.loggedOutUs && !m_convicted.contains(earlier.ref.seq)) {
                m_convicted.insert(earlier.ref.seq);
                found.append(afterLogout(earlier, operation.sessionId, session));
            }
        }
        return;
    }
    if (session.loggedOutUs >= 0 && operation.invokeUs > session.loggedOutUs
        && !m_convicted.contains(operation.seq)) {
        m_convicted.insert(operation.seq);
        found.append(afterLogout(use, operation.sessionId, session));
    }
}

void HistoryChecks::checkIdentity(const history::Operation &operation, QList<Violation> &found)
{
    if (operation.op != u"register"_s || operation.outcome != Outcome::Ok)
        return;
    const qint64 id = operation.observedUserId != 0 ? operation.observedUserId : operation.userId;
    const QString usernameKey = HistoryIndex::userKey(operation.username);
    if (id != 0) {
        const QString holder = m_usernameById.value(id);
        if (!holder.isEmpty() && HistoryIndex::userKey(holder) != usernameKey)
            found.append(violationOf(ViolationClass::DuplicateIdentity, operation,
                u"user id %1 was given to %2 and again to %3"_s.arg(id).arg(holder, operation.username)));
        else if (holder.isEmpty())
            m_usernameById.insert(id, operation.username);
    }
    if (const qint64 firstSeq = m_registeredUsernames.value(usernameKey); firstSeq != 0)
        found.append(violationOf(ViolationClass::DuplicateIdentity, operation,
            u"username %1 was registered twice (seq %2 and %3)"_s.arg(operation.username)
                .arg(firstSeq)
                .arg(operation.seq)));
    else
        m_registeredUsernames.insert(usernameKey, operation.seq);
    if (!operation.email.isEmpty()) {
        const QString emailKey = credentialrules::emailKey(operation.email);
        const QString holder = m_usernameByEmail.value(emailKey);
        if (!holder.isEmpty() && HistoryIndex::userKey(holder) != usernameKey)
            found.append(violationOf(ViolationClass::DuplicateIdentity, operation,
                u"email %1 was accepted for %2 and again for %3"_s.arg(
                    operation.email, holder, operation.username)));
        else if (holder.isEmpty())
            m_usernameByEmail.insert(emailKey, operation.username);
    }
}

} // namespace javumbo::integrity
