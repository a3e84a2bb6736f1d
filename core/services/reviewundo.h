#pragma once

#include "collectionaccess.h"
#include "storage/answerundo.h"

namespace javumbo {

// Answering with the power to take it back (the desktop's Ctrl+Z): both the
// answer and its undo run under the user's lock, so the snapshot, the answer
// and the restore never interleave with another writer of that collection.
class ReviewUndo
{
public:
    explicit ReviewUndo(const ServiceContext &context);

    Result<storage::UndoableAnswer> answer(qint64 userId, const storage::AnswerRequest &request) const;
    // Restores the card row and deletes the revlog row of `record` in one
    // transaction; StaleCard if the card changed after that answer.
    Result<storage::CardRecord> undo(qint64 userId, const storage::AnswerUndoRecord &record) const;

private:
    CollectionAccess m_access;
};

} // namespace javumbo
