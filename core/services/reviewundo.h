#pragma once

#include "collection/answerundo.h"
#include "collectionaccess.h"

namespace javumbo {

// Answering with the power to take it back (the desktop's Ctrl+Z): both the
// answer and its undo run under the user's lock, so the snapshot, the answer
// and the restore never interleave with another writer of that collection.
class ReviewUndo
{
public:
    explicit ReviewUndo(const ServiceContext &context);

    Result<collection::UndoableAnswer> answer(qint64 userId, const collection::AnswerRequest &request) const;
    // Restores the card row and deletes the revlog row of `record` in one
    // transaction; StaleCard if the card changed after that answer.
    Result<collection::CardRecord> undo(qint64 userId, const collection::AnswerUndoRecord &record) const;

private:
    CollectionAccess m_access;
};

} // namespace javumbo
