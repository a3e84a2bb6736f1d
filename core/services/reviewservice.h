#pragma once

#include "collectionaccess.h"

namespace javumbo {

// Review use cases: what comes next, answering under the user's lock so one
// answer writes one revlog row even when a student double-submits, and
// undoing an answer the collection remembers (collection/undolog.h), under the
// same lock, so an undo and a new answer of the card never interleave.
class ReviewService
{
public:
    explicit ReviewService(const ServiceContext &context);

    Result<std::optional<collection::NextCard>> next(qint64 userId, qint64 deckId) const;
    Result<collection::AnsweredCard> answer(qint64 userId, const collection::AnswerRequest &request) const;
    // NothingToUndo for an unknown, undone or expired id; StaleCard when the
    // card changed after that answer.
    Result<collection::CardRecord> undo(qint64 userId, qint64 undoId) const;

private:
    CollectionAccess m_access;
};

} // namespace javumbo
