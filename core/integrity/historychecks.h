#pragma once

#include "historyindex.h"
#include "violation.h"

#include <QHash>
#include <QList>
#include <QSet>

namespace javumbo::integrity {

// The checks that need only the history, run as each operation arrives:
// session_mixup, session_after_logout, server_errors and the history's half
// of identities. Operations arrive in completion order from many threads, so
// a logout may be observed after an operation that came later; every ok use
// of a session is kept so the check is exact in any arrival order.
// Not thread-safe (the Checker locks).
class HistoryChecks
{
public:
    // The violations this operation reveals (including earlier operations
    // that a late-arriving logout convicts).
    QList<Violation> add(const history::Operation &operation);

private:
    struct SessionUse
    {
        QString op;
        QString username;
        qint64 userId = 0;
        qint64 invokeUs = 0;
        OpRef ref;
    };
    struct Session
    {
        qint64 loggedOutUs = -1; // completion of the earliest ok logout
        qint64 logoutSeq = 0;
        QList<SessionUse> uses; // every ok operation that used the session
    };
    void checkSession(const history::Operation &operation, QList<Violation> &found);
    void checkIdentity(const history::Operation &operation, QList<Violation> &found);
    static Violation afterLogout(const SessionUse &use, const QString &sessionId, const Session &session);

    QHash<QString, Session> m_sessions;
    QSet<qint64> m_convicted; // seqs already reported as session_after_logout
    // Ok registrations: id → username, username key → seq, email key → username.
    QHash<qint64, QString> m_usernameById;
    QHash<QString, qint64> m_registeredUsernames;
    QHash<QString, QString> m_usernameByEmail;
};

} // namespace javumbo::integrity
