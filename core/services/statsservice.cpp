#include "statsservice.h"

namespace javumbo {

StatsService::StatsService(const ServiceContext &context) : m_access(context) { }

collection::StudyStats StatsService::stats(qint64 userId) const
{
    return collection::StudyStats(m_access.context().collectionPath(userId), *m_access.context().clock);
}

Result<collection::CollectionStats> StatsService::overview(qint64 userId) const
{
    return m_access.read(userId, [](collection::UserCollection &collection) { return collection.stats(); });
}

Result<collection::DayCounts> StatsService::reviewsPerDay(qint64 userId, int days) const
{
    return stats(userId).reviewsPerDay(days);
}

Result<collection::DayCounts> StatsService::dueForecast(qint64 userId, int days) const
{
    return stats(userId).dueForecast(days);
}

Result<std::optional<qint64>> StatsService::nextDueAt(qint64 userId, qint64 deckId) const
{
    return stats(userId).nextDueAt(deckId);
}

} // namespace javumbo
