#include "sessionstore.h"

#include "accounts/adminschema.h"
#include "sessiontoken.h"
#include "storage/connection.h"
#include "storage/sqldialect.h"

#include <QLoggingCategory>

#include <utility>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcSessions, "javumbo.sessions")

namespace javumbo {

namespace {

Error notAuthenticated(const QString &why = u"not logged in"_s)
{
    return makeError(ErrorCode::NotAuthenticated, why);
}

} // namespace

SessionStore::SessionStore(QString adminDbPath, const Clock &clock, SessionPolicy policy)
    : m_writer(adminDbPath), m_clock(clock), m_policy(std::move(policy))
{ }

SessionStore::Cutoffs SessionStore::cutoffs(qint64 now) const
{
    // A session is alive while last_seen and created_at are strictly after these.
    return Cutoffs {now - m_policy.idleTimeout.count(), now - m_policy.absoluteLifetime.count()};
}

Result<IssuedSession> SessionStore::create(qint64 userId)
{
    const QString token = sessiontoken::generate();
    const QByteArray tokenHash = *sessiontoken::hash(token);
    const qint64 now = m_clock.nowSeconds();
    int inserted = 0;
    // The account check is part of the insert, so a session cannot be born
    // for an account disabled a moment ago.
    auto done = m_writer.run([&](storage::Connection &connection) -> Result<void> {
        storage::Query query(connection,
            u"INSERT INTO sessions (token_hash, user_id, created_at, last_seen, current_deck_id)"
            u" SELECT ?, id, ?, ?, ? FROM accounts WHERE id = ? AND disabled = 0"_s);
        if (auto executed
            = query.bind(tokenHash).bind(now).bind(now).bind(kDefaultDeckId).bind(userId).exec();
            !executed)
            return executed;
        inserted = query.rowsAffected();
        return {};
    });
    if (!done) {
        // A session is a row in admin.db: on a full or read-only disk nobody
        // can sign in, although studying with a session already issued goes on.
        if (done.code() == ErrorCode::StorageUnavailable)
            return makeError(ErrorCode::StorageUnavailable,
                u"Signing in needs a writable disk, and the server's disk is full or read-only right now. "
                "If you are already signed in you can go on studying; an administrator must free space or "
                "make the data directory writable again."_s);
        return done.error();
    }
    if (inserted == 0)
        return makeError(ErrorCode::UserNotFound, u"no enabled user with id "_s % QString::number(userId));

    IssuedSession issued;
    issued.token = token;
    issued.session.userId = userId;
    issued.session.currentDeckId = kDefaultDeckId;
    issued.session.createdAt = now;
    issued.session.lastSeen = now;
    issued.session.sessionId = sessiontoken::sessionId(tokenHash);
    qCInfo(lcSessions) << "session" << issued.session.sessionId << "started for user" << userId;
    return issued;
}

Result<Session> SessionStore::validate(const QString &token)
{
    const std::optional<QByteArray> tokenHash = sessiontoken::hash(token);
    if (!tokenHash)
        return notAuthenticated();
    const qint64 now = m_clock.nowSeconds();
    const Cutoffs limits = cutoffs(now);

    Session session;
    bool enabled = false;
    {
        auto connection = openAdminDatabase(m_writer.path());
        if (!connection)
            return connection.error();
        // LEFT JOIN: a session whose account vanished must fail, not disappear from view.
        storage::Query query(*connection.value(),
            u"SELECT s.user_id, s.current_deck_id, s.created_at, s.last_seen, a.disabled"
            u" FROM sessions s LEFT JOIN accounts a ON a.id = s.user_id WHERE s.token_hash = ?"_s);
        if (auto executed = query.bind(*tokenHash).exec(); !executed)
            return executed.error();
        if (!query.next())
            return notAuthenticated();
        session.userId = query.int64(0);
        session.currentDeckId = query.int64(1);
        session.createdAt = query.int64(2);
        session.lastSeen = query.int64(3);
        enabled = !query.value(4).isNull() && query.int64(4) == 0;
    }
    session.sessionId = sessiontoken::sessionId(*tokenHash);

    if (session.lastSeen <= limits.lastSeenAfter || session.createdAt <= limits.createdAfter) {
        // Only if still expired when the write lock is ours: never deletes a
        // session that another request refreshed in the meantime.
        auto deleted = m_writer.run([&](storage::Connection &connection) -> Result<void> {
            return storage::Query(connection,
                u"DELETE FROM sessions WHERE token_hash = ?"
                u" AND (last_seen <= ? OR created_at <= ?)"_s)
                .bind(*tokenHash)
                .bind(limits.lastSeenAfter)
                .bind(limits.createdAfter)
                .exec();
        });
        if (deleted) {
            qCInfo(lcSessions) << "session" << session.sessionId << "expired";
        } else {
            qCWarning(lcSessions) << "could not delete expired session" << session.sessionId
                                  << deleted.error().message;
        }
        return notAuthenticated(u"session expired"_s);
    }
    if (!enabled)
        return notAuthenticated(u"account disabled"_s);

    if (now - session.lastSeen >= m_policy.lastSeenWriteInterval.count()) {
        int touched = 0;
        auto done = m_writer.run([&](storage::Connection &connection) -> Result<void> {
            storage::Query query(connection,
                u"UPDATE sessions SET last_seen = "_s + storage::dialect::greatest(connection.engine())
                    + u"(last_seen, ?) WHERE token_hash = ?"_s);
            if (auto executed = query.bind(now).bind(*tokenHash).exec(); !executed)
                return executed;
            touched = query.rowsAffected();
            return {};
        });
        if (!done) {
            // Refusing requests because a timestamp could not be written
            // (disk full) would lock everybody out of reading their cards.
            qCWarning(lcSessions) << "could not refresh session" << session.sessionId << done.error().message;
            return session;
        }
        if (touched == 0)
            return notAuthenticated(); // logged out while we looked
        session.lastSeen = qMax(session.lastSeen, now);
    }
    return session;
}

Result<qint64> SessionStore::setCurrentDeck(const QString &token, qint64 deckId)
{
    const std::optional<QByteArray> tokenHash = sessiontoken::hash(token);
    if (!tokenHash)
        return notAuthenticated();
    const Cutoffs limits = cutoffs(m_clock.nowSeconds());
    int updated = 0;
    // A single UPDATE: no read-modify-write to lose a concurrent change, and
    // no row to write to once logout has deleted it.
    auto done = m_writer.run([&](storage::Connection &connection) -> Result<void> {
        storage::Query query(connection,
            u"UPDATE sessions SET current_deck_id = ?"
            u" WHERE token_hash = ? AND last_seen > ? AND created_at > ?"
            u" AND EXISTS (SELECT 1 FROM accounts a WHERE a.id = sessions.user_id AND a.disabled = 0)"_s);
        if (auto executed
            = query.bind(deckId).bind(*tokenHash).bind(limits.lastSeenAfter).bind(limits.createdAfter).exec();
            !executed)
            return executed;
        updated = query.rowsAffected();
        return {};
    });
    if (!done)
        return done.error();
    if (updated == 0)
        return notAuthenticated();
    return deckId;
}

Result<void> SessionStore::logout(const QString &token)
{
    const std::optional<QByteArray> tokenHash = sessiontoken::hash(token);
    if (!tokenHash)
        return notAuthenticated();
    int deleted = 0;
    auto done = m_writer.run([&](storage::Connection &connection) -> Result<void> {
        storage::Query query(connection, u"DELETE FROM sessions WHERE token_hash = ?"_s);
        if (auto executed = query.bind(*tokenHash).exec(); !executed)
            return executed;
        deleted = query.rowsAffected();
        return {};
    });
    if (!done)
        return done;
    if (deleted == 0)
        return notAuthenticated();
    qCInfo(lcSessions) << "session" << sessiontoken::sessionId(*tokenHash) << "logged out";
    return {};
}

Result<qint64> SessionStore::logoutAllForUser(qint64 userId)
{
    qint64 deleted = 0;
    auto done = m_writer.run([&](storage::Connection &connection) -> Result<void> {
        storage::Query query(connection, u"DELETE FROM sessions WHERE user_id = ?"_s);
        if (auto executed = query.bind(userId).exec(); !executed)
            return executed;
        deleted = query.rowsAffected();
        return {};
    });
    if (!done)
        return done.error();
    qCInfo(lcSessions) << "ended" << deleted << "sessions of user" << userId;
    return deleted;
}

Result<qint64> SessionStore::activeCount() const
{
    const Cutoffs limits = cutoffs(m_clock.nowSeconds());
    auto connection = openAdminDatabase(m_writer.path());
    if (!connection)
        return connection.error();
    storage::Query query(*connection.value(),
        u"SELECT COUNT(*) FROM sessions s JOIN accounts a ON a.id = s.user_id"
        u" WHERE a.disabled = 0 AND s.last_seen > ? AND s.created_at > ?"_s);
    auto counted = query.bind(limits.lastSeenAfter).bind(limits.createdAfter).scalar();
    if (!counted)
        return counted.error();
    return counted.value() ? counted.value()->toLongLong() : 0;
}

Result<qint64> SessionStore::purgeExpired()
{
    const Cutoffs limits = cutoffs(m_clock.nowSeconds());
    qint64 deleted = 0;
    auto done = m_writer.run([&](storage::Connection &connection) -> Result<void> {
        storage::Query query(connection, u"DELETE FROM sessions WHERE last_seen <= ? OR created_at <= ?"_s);
        if (auto executed = query.bind(limits.lastSeenAfter).bind(limits.createdAfter).exec(); !executed)
            return executed;
        deleted = query.rowsAffected();
        return {};
    });
    if (!done)
        return done.error();
    if (deleted > 0)
        qCInfo(lcSessions) << "purged" << deleted << "expired sessions";
    return deleted;
}

} // namespace javumbo
