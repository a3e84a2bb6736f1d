#include "reviewservice.h"

namespace javumbo {

ReviewService::ReviewService(const ServiceContext &context) : m_access(context) { }

Result<std::optional<storage::NextCard>> ReviewService::next(qint64 userId, qint64 deckId) const
{
    return m_access.read(
        userId, [&](storage::UserCollection &collection) { return collection.nextCard(deckId); });
}

Result<storage::CardRecord> ReviewService::answer(qint64 userId, const storage::AnswerRequest &request) const
{
    return m_access.write(
        userId, [&](storage::UserCollection &collection) { return collection.answer(request); });
}

Result<storage::CollectionStats> ReviewService::stats(qint64 userId) const
{
    return m_access.read(userId, [&](storage::UserCollection &collection) { return collection.stats(); });
}

} // namespace javumbo
