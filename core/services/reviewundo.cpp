#include "reviewundo.h"

namespace javumbo {

ReviewUndo::ReviewUndo(const ServiceContext &context) : m_access(context) { }

Result<storage::UndoableAnswer> ReviewUndo::answer(qint64 userId, const storage::AnswerRequest &request) const
{
    return m_access.write(userId, [&](storage::UserCollection &collection) {
        return storage::AnswerUndo(collection, *m_access.context().clock).answer(request);
    });
}

Result<storage::CardRecord> ReviewUndo::undo(qint64 userId, const storage::AnswerUndoRecord &record) const
{
    return m_access.write(userId, [&](storage::UserCollection &collection) {
        return storage::AnswerUndo(collection, *m_access.context().clock).undo(record);
    });
}

} // namespace javumbo
