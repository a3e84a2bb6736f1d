#include "insightsservice.h"

#include "collection/notelookups.h"

namespace javumbo {

InsightsService::InsightsService(const ServiceContext &context) : m_access(context) { }

template<typename Work>
auto InsightsService::withView(qint64 userId, Work &&work) const
{
    using Outcome = std::invoke_result_t<Work, const collection::ReadView &>;
    return m_access.read(userId, [&](collection::UserCollection &collection) -> Outcome {
        auto view = collection::ReadView::open(collection.path(), collection.clock());
        if (!view)
            return view.error();
        return work(view.value());
    });
}

Result<collection::CardInfo> InsightsService::cardInfo(qint64 userId, qint64 cardId) const
{
    return withView(
        userId, [&](const collection::ReadView &view) { return collection::cardInfo(view, cardId); });
}

Result<QStringList> InsightsService::tags(qint64 userId) const
{
    return withView(
        userId, [](const collection::ReadView &view) { return collection::notelookups::allTags(view); });
}

Result<QList<qint64>> InsightsService::duplicateFronts(
    qint64 userId, qint64 deckId, const QString &front) const
{
    return withView(userId, [&](const collection::ReadView &view) {
        return collection::notelookups::duplicateFronts(view, deckId, front);
    });
}

Result<collection::DeckStatsReport> InsightsService::deckStats(
    qint64 userId, std::optional<qint64> deckId, int days) const
{
    return withView(
        userId, [&](const collection::ReadView &view) { return collection::deckStats(view, deckId, days); });
}

} // namespace javumbo
