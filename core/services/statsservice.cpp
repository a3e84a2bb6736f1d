#include "statsservice.h"

namespace javumbo {

StatsService::StatsService(const ServiceContext &context) : m_access(context) { }

Result<collection::CollectionStats> StatsService::overview(qint64 userId) const
{
    return m_access.read(userId, [](collection::UserCollection &collection) { return collection.stats(); });
}

Result<collection::DayCounts> StatsService::reviewsPerDay(
    qint64 userId, int days, std::optional<qint64> deckId) const
{
    return m_access.read(userId,
        [&](collection::UserCollection &collection) { return collection.reviewsPerDay(days, deckId); });
}

Result<collection::DayCounts> StatsService::dueForecast(
    qint64 userId, int days, std::optional<qint64> deckId) const
{
    return m_access.read(
        userId, [&](collection::UserCollection &collection) { return collection.dueForecast(days, deckId); });
}

} // namespace javumbo
