#pragma once

#include "collection/cardinfo.h"
#include "collection/deckstats.h"
#include "collectionaccess.h"

namespace javumbo {

// Read-only questions the desktop app asks about a collection: a card's
// history, the tags in use, duplicate fronts, and the statistics of one deck
// or all. Plain reads: no lock (WAL).
class InsightsService
{
public:
    explicit InsightsService(const ServiceContext &context);

    Result<collection::CardInfo> cardInfo(qint64 userId, qint64 cardId) const;
    Result<QStringList> tags(qint64 userId) const;
    Result<QList<qint64>> duplicateFronts(qint64 userId, qint64 deckId, const QString &front) const;
    Result<collection::DeckStatsReport> deckStats(
        qint64 userId, std::optional<qint64> deckId, int days) const;

private:
    template<typename Work>
    auto withView(qint64 userId, Work &&work) const;
    CollectionAccess m_access;
};

} // namespace javumbo
