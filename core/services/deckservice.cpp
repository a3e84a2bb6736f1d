#include "deckservice.h"

namespace javumbo {

DeckService::DeckService(const ServiceContext &context) : m_access(context) { }

Result<QList<collection::DeckSummary>> DeckService::list(qint64 userId) const
{
    return m_access.read(userId, [](collection::UserCollection &collection) { return collection.decks(); });
}

Result<collection::DeckSummary> DeckService::get(qint64 userId, qint64 deckId) const
{
    return m_access.read(
        userId, [&](collection::UserCollection &collection) { return collection.deck(deckId); });
}

Result<collection::DeckSummary> DeckService::create(qint64 userId, const QString &name) const
{
    return m_access.write(
        userId, [&](collection::UserCollection &collection) { return collection.createDeck(name); });
}

Result<collection::DeckSummary> DeckService::rename(qint64 userId, qint64 deckId, const QString &name) const
{
    return m_access.write(
        userId, [&](collection::UserCollection &collection) { return collection.renameDeck(deckId, name); });
}

Result<void> DeckService::remove(qint64 userId, qint64 deckId) const
{
    return m_access.write(
        userId, [&](collection::UserCollection &collection) { return collection.deleteDeck(deckId); });
}

Result<bool> DeckService::exists(qint64 userId, qint64 deckId) const
{
    return m_access.read(
        userId, [&](collection::UserCollection &collection) { return collection.hasDeck(deckId); });
}

} // namespace javumbo
