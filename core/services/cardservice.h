#pragma once

#include "collectionaccess.h"
#include "idempotencystore.h"
#include "plantedfaults.h"

#include <functional>

namespace javumbo {

// Card use cases for one user, including idempotent creation.
class CardService
{
public:
    explicit CardService(const ServiceContext &context);

    // The stored answer of an idempotent add: what the first request got.
    struct Reply
    {
        int status = 0;
        QByteArray body;
        bool replayed = false;
    };
    using Renderer = std::function<QByteArray(const collection::CardRecord &)>;

    Result<collection::CardRecord> add(qint64 userId, const collection::NewCard &card) const;
    // Creates the card at most once per (user, key) within 24 hours; concurrent
    // requests with one key are serialised by the user's lock and all get the
    // first answer. `requestHash` identifies the request body: reusing a key
    // for a different card is idempotency_conflict.
    Result<Reply> addOnce(qint64 userId, const collection::NewCard &card, const QString &key,
        const QByteArray &requestHash, const Renderer &render) const;

    // The note guid an idempotent add writes: derived from (user, key, when the record was begun),
    // so a retry after a crash finds the note instead of adding it twice.
    static QString idempotentGuid(qint64 userId, const QString &key, qint64 createdAtMs);
    IdempotencyStore &idempotencyStore() const { return m_idempotency; }

    Result<collection::CardRecord> get(qint64 userId, qint64 cardId) const;
    Result<collection::CardPage> find(qint64 userId, const collection::CardQuery &query) const;
    Result<collection::CardRecord> update(
        qint64 userId, qint64 cardId, const collection::CardEdit &edit) const;
    // `expectedEtag` (If-Match): stale_card unless the card is still that version.
    Result<void> remove(qint64 userId, qint64 cardId, const std::optional<QString> &expectedEtag) const;
    Result<collection::CardRecord> setSuspended(qint64 userId, qint64 cardId, bool suspended,
        const std::optional<QString> &expectedEtag = std::nullopt) const;

private:
    CollectionAccess m_access;
    mutable IdempotencyStore m_idempotency;
    mutable faults::LostAcks m_lostAcks; // planted fault lost-ack only
};

} // namespace javumbo
