#pragma once

#include "accounts/adminwriter.h"
#include "common/clock.h"
#include "common/result.h"
#include "session.h"

#include <QByteArray>
#include <QString>

namespace javumbo {

// Login sessions in admin.db: random bearer tokens of which only a SHA-256
// hash is stored, idle and absolute expiry, and per-session state (the
// current deck).
//
// No state is kept in memory, so a logout is seen by every thread from the
// moment it commits and sessions survive a restart. Thread-safe: each thread
// uses its own connection to admin.db.
class SessionStore
{
public:
    SessionStore(QString adminDbPath, const Clock &clock, SessionPolicy policy = {});

    const SessionPolicy &policy() const { return m_policy; }

    // UserNotFound unless `userId` names an enabled account.
    Result<IssuedSession> create(qint64 userId);
    // NotAuthenticated for a malformed, unknown, expired or logged-out token
    // and for a disabled account. Expired sessions are deleted.
    Result<Session> validate(const QString &token);
    // One atomic UPDATE: NotAuthenticated if the session is gone or expired,
    // so a late change never brings a logged-out session back. Returns the
    // deck id now current. The caller checks that the deck exists.
    Result<qint64> setCurrentDeck(const QString &token, qint64 deckId);

    // NotAuthenticated if there was no such session.
    Result<void> logout(const QString &token);
    // Returns how many sessions ended (e.g. when an admin disables the user).
    Result<qint64> logoutAllForUser(qint64 userId);
    // Unexpired sessions of enabled accounts.
    Result<qint64> activeCount() const;
    // Returns how many expired sessions were deleted.
    Result<qint64> purgeExpired();

private:
    struct Cutoffs
    {
        qint64 lastSeenAfter;
        qint64 createdAfter;
    };
    Cutoffs cutoffs(qint64 now) const;

    AdminWriter m_writer;
    const Clock &m_clock;
    SessionPolicy m_policy;
};

} // namespace javumbo
