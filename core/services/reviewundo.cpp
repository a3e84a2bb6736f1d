#include "reviewundo.h"

namespace javumbo {

ReviewUndo::ReviewUndo(const ServiceContext &context) : m_access(context) { }

Result<collection::UndoableAnswer> ReviewUndo::answer(
    qint64 userId, const collection::AnswerRequest &request) const
{
    return m_access.write(userId, [&](collection::UserCollection &collection) {
        return collection::AnswerUndo(collection).answer(request);
    });
}

Result<collection::CardRecord> ReviewUndo::undo(
    qint64 userId, const collection::AnswerUndoRecord &record) const
{
    return m_access.write(userId, [&](collection::UserCollection &collection) {
        return collection::AnswerUndo(collection).undo(record);
    });
}

} // namespace javumbo
