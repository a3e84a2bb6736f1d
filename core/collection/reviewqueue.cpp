#include "reviewqueue.h"

#include "cardrows.h"
#include "decktree.h"
#include "readview.h"

using namespace Qt::StringLiterals;

namespace javumbo::collection {

ReviewQueue::ReviewQueue(storage::Connection &connection, const QList<qint64> &deckIds,
    const scheduling::DailyLimits &limits, const scheduling::DayTiming &timing, int collapseTimeSeconds)
    : m_connection(connection), m_limits(limits), m_timing(timing), m_collapseTime(collapseTimeSeconds)
{
    QStringList ids;
    for (qint64 id : deckIds)
        ids.append(QString::number(id));
    m_deckList = ids.isEmpty() ? u"NULL"_s : ids.join(u',');
}

Result<ReviewQueue> ReviewQueue::forDeck(const ReadView &view, const DeckTree &tree, qint64 deckId)
{
    auto config = view.meta.deckConfig(deckId);
    if (!config)
        return config.error();
    const auto today = tree.todayCounts(deckId, view.timing.today);
    return ReviewQueue(*view.db, tree.withDescendants(deckId),
        scheduling::dailyLimits(config.value(), today.newToday, today.reviewToday), view.timing,
        view.meta.collapseTimeSeconds());
}

Result<qint64> ReviewQueue::count(const QString &condition, std::optional<qint64> cap)
{
    // A capped count stops reading the index after `cap` rows: on 20,000 new
    // cards, counting them all made every review_next take 2.2 ms, not 0.26.
    const QString limit = cap ? u" LIMIT "_s % QString::number(std::max<qint64>(*cap, 0)) : QString();
    const QString sql = u"SELECT count(*) FROM (SELECT 1 FROM cards c WHERE $user(c) c.did IN ("_s
        % m_deckList % u") AND "_s % condition % limit % u") AS capped"_s;
    storage::Query query(m_connection, sql, storage::Query::Caching::Uncached);
    auto value = query.scalar();
    if (!value)
        return value.error();
    return value.value() ? value.value()->toLongLong() : 0;
}

Result<std::optional<CardRecord>> ReviewQueue::first(const QString &condition, const QString &order)
{
    storage::Query query(m_connection,
        u"SELECT "_s % cardrows::kSelectColumns
            % u" FROM cards c JOIN notes n ON $user(n) n.id = c.nid WHERE $user(c) c.did IN ("_s % m_deckList
            % u") AND "_s % condition % u" ORDER BY "_s % order % u" LIMIT 1"_s,
        storage::Query::Caching::Uncached);
    if (auto done = query.exec(); !done)
        return done.error();
    if (!query.next())
        return std::optional<CardRecord> {};
    return std::optional<CardRecord> {cardrows::readCard(query)};
}

Result<ReviewQueue::Gathered> ReviewQueue::gather()
{
    const QString now = QString::number(m_timing.now);
    const QString ahead = QString::number(m_timing.now + m_collapseTime);
    const QString today = QString::number(m_timing.today);
    // Learning counts are shown whole (as Anki does); the others only up to
    // the day's limits, so they are never counted further.
    const int reviewLimit = m_limits.reviewsLeft;
    auto learningNow = count(u"c.queue = 1 AND c.due <= "_s % now);
    auto learningAhead = count(u"c.queue = 1 AND c.due <= "_s % ahead);
    auto dayLearning = count(u"c.queue = 3 AND c.due <= "_s % today, reviewLimit);
    auto review = count(u"c.queue = 2 AND c.due <= "_s % today, reviewLimit);
    auto fresh = count(u"c.queue = 0"_s, std::min(m_limits.newLeft, reviewLimit));
    for (const auto *result : {&learningNow, &learningAhead, &dayLearning, &review, &fresh}) {
        if (!*result)
            return result->error();
    }
    Gathered gathered;
    gathered.learningNow = int(learningNow.value());
    gathered.learningAhead = int(learningAhead.value());
    int reviewsLeft = m_limits.reviewsLeft;
    gathered.dayLearning = int(std::min<qint64>(dayLearning.value(), reviewsLeft));
    reviewsLeft -= gathered.dayLearning;
    gathered.review = int(std::min<qint64>(review.value(), reviewsLeft));
    reviewsLeft -= gathered.review;
    gathered.fresh = int(std::min<qint64>(fresh.value(), std::min(m_limits.newLeft, reviewsLeft)));
    return gathered;
}

Result<ReviewCounts> ReviewQueue::counts()
{
    auto gathered = gather();
    if (!gathered)
        return gathered.error();
    return ReviewCounts {gathered->fresh, gathered->learningAhead + gathered->dayLearning, gathered->review};
}

Result<std::optional<CardRecord>> ReviewQueue::next()
{
    auto gathered = gather();
    if (!gathered)
        return gathered.error();
    const QString byDue = u"c.due, c.id"_s;
    if (gathered->learningNow > 0)
        return first(u"c.queue = 1 AND c.due <= "_s % QString::number(m_timing.now), byDue);
    if (gathered->dayLearning > 0)
        return first(u"c.queue = 3 AND c.due <= "_s % QString::number(m_timing.today), byDue);
    if (gathered->review > 0)
        return first(u"c.queue = 2 AND c.due <= "_s % QString::number(m_timing.today), byDue);
    if (gathered->fresh > 0)
        return first(u"c.queue = 0"_s, u"c.due, c.ord, c.id"_s);
    if (gathered->learningAhead > 0)
        return first(u"c.queue = 1 AND c.due <= "_s % QString::number(m_timing.now + m_collapseTime), byDue);
    return std::optional<CardRecord> {};
}

} // namespace javumbo::collection
