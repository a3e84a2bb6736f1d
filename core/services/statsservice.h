#pragma once

#include "collectionaccess.h"
#include "storage/studystats.h"

namespace javumbo {

// Statistics for one user: the counts of GET /stats plus the day series the
// desktop app charts. Plain reads, so they run without the user's lock (WAL).
class StatsService
{
public:
    explicit StatsService(const ServiceContext &context);

    Result<storage::CollectionStats> overview(qint64 userId) const;
    Result<storage::DayCounts> reviewsPerDay(qint64 userId, int days) const;
    Result<storage::DayCounts> dueForecast(qint64 userId, int days) const;
    Result<std::optional<qint64>> nextDueAt(qint64 userId, qint64 deckId) const;

private:
    storage::StudyStats stats(qint64 userId) const;
    CollectionAccess m_access;
};

} // namespace javumbo
