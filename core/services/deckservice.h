#pragma once

#include "collectionaccess.h"

namespace javumbo {

// Deck use cases for one user: every change under the user's lock.
class DeckService
{
public:
    explicit DeckService(const ServiceContext &context);

    Result<QList<collection::DeckSummary>> list(qint64 userId) const;
    Result<collection::DeckSummary> get(qint64 userId, qint64 deckId) const;
    Result<collection::DeckSummary> create(qint64 userId, const QString &name) const;
    Result<collection::DeckSummary> rename(qint64 userId, qint64 deckId, const QString &name) const;
    Result<void> remove(qint64 userId, qint64 deckId) const;
    Result<bool> exists(qint64 userId, qint64 deckId) const;

private:
    CollectionAccess m_access;
};

} // namespace javumbo
