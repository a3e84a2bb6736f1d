#pragma once

#include "collection/studystats.h"
#include "collectionaccess.h"

namespace javumbo {

// Statistics for one user: the counts of GET /stats plus the day series the
// desktop app charts. Plain reads, so they run without the user's lock (WAL).
class StatsService
{
public:
    explicit StatsService(const ServiceContext &context);

    Result<collection::CollectionStats> overview(qint64 userId) const;
    Result<collection::DayCounts> reviewsPerDay(qint64 userId, int days) const;
    Result<collection::DayCounts> dueForecast(qint64 userId, int days) const;
    Result<std::optional<qint64>> nextDueAt(qint64 userId, qint64 deckId) const;

private:
    collection::StudyStats stats(qint64 userId) const;
    CollectionAccess m_access;
};

} // namespace javumbo
