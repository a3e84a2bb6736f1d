#pragma once

#include "collectionaccess.h"

namespace javumbo {

// Review use cases: what comes next, and answering under the user's lock so
// one answer writes one revlog row even when a student double-submits.
class ReviewService
{
public:
    explicit ReviewService(const ServiceContext &context);

    Result<std::optional<collection::NextCard>> next(qint64 userId, qint64 deckId) const;
    Result<collection::CardRecord> answer(qint64 userId, const collection::AnswerRequest &request) const;
    Result<collection::CollectionStats> stats(qint64 userId) const;

private:
    CollectionAccess m_access;
};

} // namespace javumbo
