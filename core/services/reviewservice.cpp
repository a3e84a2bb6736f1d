#include "reviewservice.h"

namespace javumbo {

ReviewService::ReviewService(const ServiceContext &context) : m_access(context) { }

Result<std::optional<collection::NextCard>> ReviewService::next(qint64 userId, qint64 deckId) const
{
    return m_access.read(
        userId, [&](collection::UserCollection &collection) { return collection.nextCard(deckId); });
}

Result<collection::AnsweredCard> ReviewService::answer(
    qint64 userId, const collection::AnswerRequest &request) const
{
    return m_access.write(
        userId, [&](collection::UserCollection &collection) { return collection.answer(request); });
}

Result<collection::CardRecord> ReviewService::undo(qint64 userId, qint64 undoId) const
{
    return m_access.write(
        userId, [&](collection::UserCollection &collection) { return collection.undoAnswer(undoId); });
}

} // namespace javumbo
