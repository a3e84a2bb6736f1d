#pragma once

#include "collection/studystats.h"
#include "collectionaccess.h"

namespace javumbo {

// Statistics for one user, the same for the server and the desktop app: the
// counts of GET /stats and the day series of /stats/reviews and
// /stats/forecast (collection/studystats.h). Plain reads, so they run without
// the user's lock (WAL).
class StatsService
{
public:
    explicit StatsService(const ServiceContext &context);

    Result<collection::CollectionStats> overview(qint64 userId) const;
    Result<collection::DayCounts> reviewsPerDay(
        qint64 userId, int days, std::optional<qint64> deckId = std::nullopt) const;
    Result<collection::DayCounts> dueForecast(
        qint64 userId, int days, std::optional<qint64> deckId = std::nullopt) const;

private:
    CollectionAccess m_access;
};

} // namespace javumbo
