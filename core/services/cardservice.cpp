#include "cardservice.h"

#include "collection/notefields.h"

#include <QCryptographicHash>

using namespace Qt::StringLiterals;

namespace javumbo {

QString CardService::idempotentGuid(qint64 userId, const QString &key, qint64 createdAtMs)
{
    // Still a uniformly spread 64-bit number, as Anki expects of a guid.
    const QByteArray digest = QCryptographicHash::hash(
        (QString::number(userId) % u'\n' % key % u'\n' % QString::number(createdAtMs)).toUtf8(),
        QCryptographicHash::Sha256);
    quint64 value = 0;
    for (int i = 0; i < 8; ++i)
        value = (value << 8) | quint8(digest[i]);
    return collection::notefields::base91(value);
}

CardService::CardService(const ServiceContext &context)
    : m_access(context), m_idempotency(context.idempotencyDbPath(), *context.clock, context.checkpointer)
{ }

Result<collection::CardRecord> CardService::add(qint64 userId, const collection::NewCard &card) const
{
    return m_access.write(userId, [&](collection::UserCollection &collection) {
        auto added = collection.addCard(card);
        // Planted fault (loadtest self-test) lost-ack: some acknowledged adds are erased.
        if (m_access.context().fault == Fault::LostAck) [[unlikely]]
            m_lostAcks.afterAdd(collection, added, *m_access.context().clock);
        return added;
    });
}

Result<CardService::Reply> CardService::addOnce(qint64 userId, const collection::NewCard &card,
    const QString &key, const QByteArray &requestHash, const Renderer &render) const
{
    // Planted fault (loadtest self-test) no-idempotency: the key is ignored, so a retry adds a second card.
    if (m_access.context().fault == Fault::NoIdempotency) [[unlikely]] {
        auto added = add(userId, card);
        if (!added)
            return added.error();
        return Reply {201, render(added.value()), false};
    }
    // The key is completed only after the batch holding the card has
    // committed (CollectionAccess::write's afterCommit): idempotency.db is
    // another file, so completing it inside the write could record an answer
    // for a card whose batch then failed to commit, and a retry would replay
    // a 201 for a card that does not exist. The pending record, by contrast,
    // is committed (and with Durability::Full synced) before the card's batch:
    // whatever happens after it, a retry finds it and recovers the card by
    // its guid or adds it. docs/architecture.md "Idempotency-Key and group commit".
    bool complete = false;
    auto replied = m_access.write(
        userId,
        [&](collection::UserCollection &collection) -> Result<Reply> {
            auto existing = m_idempotency.find(userId, key);
            if (!existing)
                return existing.error();
            if (existing.value() && existing.value()->requestHash != requestHash)
                return makeError(ErrorCode::IdempotencyConflict,
                    u"Idempotency-Key \"%1\" was already used for a different card"_s.arg(key));
            if (existing.value() && existing.value()->completed)
                return Reply {existing.value()->status, existing.value()->body, true};

            const qint64 createdAt
                = existing.value() ? existing.value()->createdAtMs : m_access.context().clock->nowMs();
            collection::NewCard keyed = card;
            keyed.guid = idempotentGuid(userId, key, createdAt);
            complete = true;
            if (existing.value()) {
                // Begun but never completed: the card may or may not have been
                // written (or be in this very batch, by an earlier retry).
                auto written = collection.cardByGuid(keyed.guid);
                if (!written)
                    return written.error();
                if (written.value())
                    return Reply {201, render(*written.value()), true};
            } else if (auto begun = m_idempotency.begin(userId, key, createdAt, requestHash); !begun) {
                return begun.error();
            }

            auto added = collection.addCard(keyed);
            // Planted fault (loadtest self-test) lost-ack: the stored reply then names a card that is gone.
            if (m_access.context().fault == Fault::LostAck) [[unlikely]]
                m_lostAcks.afterAdd(collection, added, *m_access.context().clock);
            if (!added) {
                complete = false;
                if (added.code() != ErrorCode::StorageUnavailable && added.code() != ErrorCode::Internal)
                    (void)m_idempotency.abandon(userId, key); // a definite refusal: nothing to recover
                return added.error();
            }
            return Reply {201, render(added.value()), false};
        },
        [&](const Reply &reply) {
            // If this fails the record stays pending and the next retry recovers the card by its guid.
            if (complete)
                (void)m_idempotency.complete(userId, key, reply.status, reply.body);
        });
    return replied;
}

Result<collection::CardRecord> CardService::get(qint64 userId, qint64 cardId) const
{
    return m_access.read(
        userId, [&](collection::UserCollection &collection) { return collection.card(cardId); });
}

Result<collection::CardPage> CardService::find(qint64 userId, const collection::CardQuery &query) const
{
    return m_access.read(
        userId, [&](collection::UserCollection &collection) { return collection.findCards(query); });
}

Result<collection::CardRecord> CardService::update(
    qint64 userId, qint64 cardId, const collection::CardEdit &edit) const
{
    return m_access.write(
        userId, [&](collection::UserCollection &collection) { return collection.updateCard(cardId, edit); });
}

Result<void> CardService::remove(
    qint64 userId, qint64 cardId, const std::optional<QString> &expectedEtag) const
{
    return m_access.write(userId,
        [&](collection::UserCollection &collection) { return collection.deleteCard(cardId, expectedEtag); });
}

Result<collection::CardRecord> CardService::setSuspended(
    qint64 userId, qint64 cardId, bool suspended, const std::optional<QString> &expectedEtag) const
{
    return m_access.write(userId, [&](collection::UserCollection &collection) {
        return collection.setSuspended(cardId, suspended, expectedEtag);
    });
}

} // namespace javumbo
