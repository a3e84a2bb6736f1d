#include "postgresreader.h"

#include "accounts/credentialrules.h"
#include "collectionrows.h"
#include "postgres/pgtransaction.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace javumbo::integrity {

PostgresReader::PostgresReader(postgres::PgConnectionString target) : m_database(std::move(target)) { }

QString PostgresReader::name() const
{
    return u"postgres"_s;
}

Result<qint64> PostgresReader::resolveUserId(const TestAccount &account)
{
    auto db = m_database.connection();
    if (!db)
        return db.error();
    QSqlQuery query(db.value());
    query.prepare(u"SELECT id FROM accounts WHERE username_key = ?"_s);
    query.addBindValue(credentialrules::usernameKey(account.username));
    if (!query.exec())
        return m_database.failure(db.value(), query.lastError(), u"looking up "_s + account.username);
    if (!query.next())
        return makeError(ErrorCode::UserNotFound, u"PostgreSQL has no account named "_s + account.username);
    return query.value(0).toLongLong();
}

Result<void> PostgresReader::readInSnapshot(
    QSqlDatabase &db, qint64 userId, qint64 cursor, bool full, CollectionRead &read)
{
    // LEFT JOIN: a card whose note vanished is damage the checker must see, not skip.
    QSqlQuery cards(db);
    cards.setForwardOnly(true);
    cards.prepare(u"SELECT c.id, c.nid, c.did, c.reps, n.flds, n.id IS NOT NULL FROM cards c"
                  " LEFT JOIN notes n ON n.user_id = c.user_id AND n.id = c.nid"
                  " WHERE c.user_id = ? AND c.id > ? ORDER BY c.id"_s);
    cards.addBindValue(userId);
    cards.addBindValue(cursor);
    if (!cards.exec())
        return m_database.failure(db, cards.lastError(), u"reading cards"_s);
    while (cards.next()) {
        read.cards.append(
            cardRowOf(cards.value(0).toLongLong(), cards.value(1).toLongLong(), cards.value(2).toLongLong(),
                cards.value(3).toInt(), cards.value(4).toString(), cards.value(5).toBool()));
        read.cursor = std::max(read.cursor, read.cards.last().cardId);
    }
    if (full) {
        read.hasRevlog = true;
        QSqlQuery revlog(db);
        revlog.setForwardOnly(true);
        revlog.prepare(u"SELECT cid, count(*) FROM revlog WHERE user_id = ? GROUP BY cid"_s);
        revlog.addBindValue(userId);
        if (!revlog.exec())
            return m_database.failure(db, revlog.lastError(), u"counting revlog rows"_s);
        while (revlog.next())
            read.revlogRows.insert(revlog.value(0).toLongLong(), revlog.value(1).toInt());
    }
    // Decks after cards, as DirectReader: every deck a card of this snapshot names is in it.
    QSqlQuery decks(db);
    decks.prepare(u"SELECT decks FROM col WHERE user_id = ?"_s);
    decks.addBindValue(userId);
    if (!decks.exec())
        return m_database.failure(db, decks.lastError(), u"reading decks"_s);
    if (!decks.next())
        return makeError(
            ErrorCode::StorageUnavailable, u"PostgreSQL holds no collection for user %1"_s.arg(userId));
    const QHash<qint64, QString> names = deckNamesOf(decks.value(0).toString());
    for (CardRow &row : read.cards)
        row.deckName = names.value(row.deckId);
    return {};
}

Result<CollectionRead> PostgresReader::read(const TestAccount &account, qint64 cursor, bool full)
{
    auto db = m_database.connection();
    if (!db)
        return db.error();
    CollectionRead read;
    read.cursor = cursor;
    {
        // One snapshot for cards, revlog and decks; read-only whatever the role may do.
        postgres::PgTransaction transaction(
            m_database, db.value(), u"BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"_s);
        if (!transaction.isActive())
            return transaction.error();
        if (auto done = readInSnapshot(db.value(), account.userId, cursor, full, read); !done)
            return done.error();
        if (auto ended = transaction.commit(); !ended)
            return ended.error();
    }
    return read;
}

} // namespace javumbo::integrity
