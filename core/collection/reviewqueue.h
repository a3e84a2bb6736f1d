#pragma once

#include "records.h"
#include "scheduling/daytiming.h"
#include "scheduling/limits.h"
#include "storage/connection.h"

#include <optional>

namespace javumbo::collection {

class DeckTree;
struct ReadView;

// docs/scheduling.md §7: which cards are gathered today and which one comes next,
// for a set of decks (a deck and its children).
class ReviewQueue
{
public:
    ReviewQueue(storage::Connection &connection, const QList<qint64> &deckIds,
        const scheduling::DailyLimits &limits, const scheduling::DayTiming &timing, int collapseTimeSeconds);
    // The queue of `deckId` and its children, under that deck's limits for today.
    static Result<ReviewQueue> forDeck(const ReadView &view, const DeckTree &tree, qint64 deckId);

    Result<ReviewCounts> counts();
    Result<std::optional<CardRecord>> next();

private:
    struct Gathered
    {
        int learningNow = 0;
        int learningAhead = 0;
        int dayLearning = 0; // queue 3, within the review limit
        int review = 0; // queue 2, within the review limit
        int fresh = 0; // queue 0, within both limits
    };
    Result<Gathered> gather();
    // Cards of the decks matching `condition`; at most `cap` when given.
    Result<qint64> count(const QString &condition, std::optional<qint64> cap = std::nullopt);
    Result<std::optional<CardRecord>> first(const QString &condition, const QString &order);

    storage::Connection &m_connection;
    QString m_deckList;
    scheduling::DailyLimits m_limits;
    scheduling::DayTiming m_timing;
    int m_collapseTime = 1200;
};

} // namespace javumbo::collection
