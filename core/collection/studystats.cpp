#include "studystats.h"

#include "collectionerrors.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace javumbo::collection::studystats {

namespace {

constexpr qint64 kDay = 86400;

// "c.did IN (…)" for the deck and its children, or nothing: every card.
// Deck ids are numbers we wrote ourselves, so inlining them is safe.
Result<QString> deckCondition(const ReadView &view, std::optional<qint64> deckId, const QString &column)
{
    if (!deckId)
        return QString();
    const DeckTree tree(view.meta.decks());
    if (!tree.contains(*deckId))
        return deckNotFound(*deckId);
    QStringList ids;
    for (qint64 id : tree.withDescendants(*deckId))
        ids.append(QString::number(id));
    return QString(u" AND "_s % column % u" IN ("_s % ids.join(u',') % u")"_s);
}

Result<void> checkDays(int days)
{
    if (days < 1 || days > kMaxDays)
        return makeError(
            ErrorCode::BadRequest, u"days must be from 1 to %1, not %2"_s.arg(kMaxDays).arg(days));
    return {};
}

} // namespace

Result<DayCounts> reviewsPerDay(const ReadView &view, int days, std::optional<qint64> deckId)
{
    if (auto valid = checkDays(days); !valid)
        return valid.error();
    auto decks = deckCondition(view, deckId, u"c.did"_s);
    if (!decks)
        return decks.error();
    // Revlog ids are the answer's time in ms; every id in the window is past its
    // start, so integer division never meets a negative number.
    const qint64 windowStart = view.timing.nextDayAt - days * kDay;
    const QString cards = decks->isEmpty()
        ? QString()
        : u" AND r.cid IN (SELECT c.id FROM cards c WHERE $user(c) TRUE"_s % decks.value() % u")"_s;
    storage::Query query(*view.db,
        u"SELECT (r.id / 1000 - ?) / 86400 AS day, count(*) FROM revlog r WHERE $user(r) r.id >= ?"_s % cards
            % u" GROUP BY day"_s,
        storage::Query::Caching::Uncached);
    query.bind(windowStart).bind(windowStart * 1000);
    if (auto done = query.exec(); !done)
        return done.error();
    DayCounts counts(days, 0);
    while (query.next()) {
        const qint64 day = query.int64(0);
        if (day >= 0 && day < days)
            counts[day] = query.int64(1);
    }
    return counts;
}

Result<DayCounts> dueForecast(const ReadView &view, int days, std::optional<qint64> deckId)
{
    if (auto valid = checkDays(days); !valid)
        return valid.error();
    auto decks = deckCondition(view, deckId, u"c.did"_s);
    if (!decks)
        return decks.error();
    const auto &timing = view.timing;
    const qint64 todayStart = timing.nextDayAt - kDay;
    storage::Query query(*view.db,
        u"SELECT c.queue, c.due FROM cards c WHERE $user(c) c.queue IN (1, 2, 3)"_s % decks.value(),
        storage::Query::Caching::Uncached);
    if (auto done = query.exec(); !done)
        return done.error();
    DayCounts counts(days, 0);
    while (query.next()) {
        const int queue = query.int32(0);
        const qint64 due = query.int64(1);
        // Queue 1 is due at a time, queues 2 and 3 on a day number.
        const qint64 offset
            = queue == 1 ? (std::max(due, todayStart) - todayStart) / kDay : due - timing.today;
        const qint64 day = std::max<qint64>(offset, 0);
        if (day < days)
            ++counts[day];
    }
    return counts;
}

Result<std::optional<qint64>> nextDueAt(
    const ReadView &view, const DeckTree &tree, qint64 deckId, const ReviewCounts &offered)
{
    if (!tree.contains(deckId))
        return deckNotFound(deckId);
    QStringList ids;
    for (qint64 id : tree.withDescendants(deckId))
        ids.append(QString::number(id));
    const QString decks = ids.join(u',');
    const auto &timing = view.timing;
    const qint64 shown = qint64(offered.newCount) + offered.learning + offered.review;
    // The last column counts the cards ready now (as the review queue
    // gathers them) up to one more than the queue offers: more means some
    // are held back by today's limits.
    storage::Query query(*view.db,
        u"SELECT (SELECT min(c.due) FROM cards c WHERE $user(c) c.did IN (%1) AND c.queue = 1 AND c.due > ?),"
        " (SELECT min(c.due) FROM cards c WHERE $user(c) c.did IN (%1) AND c.queue IN (2, 3) AND c.due > ?),"
        " (SELECT count(*) FROM (SELECT 1 FROM cards c WHERE $user(c) c.did IN (%1) AND (c.queue = 0"
        " OR (c.queue = 1 AND c.due <= ?) OR (c.queue IN (2, 3) AND c.due <= ?)) LIMIT ?) AS ready)"_s.arg(
            decks),
        storage::Query::Caching::Uncached);
    query.bind(timing.now).bind(timing.today);
    query.bind(timing.now + view.meta.collapseTimeSeconds()).bind(timing.today).bind(shown + 1);
    if (auto done = query.exec(); !done)
        return done.error();
    if (!query.next())
        return std::optional<qint64> {};
    std::optional<qint64> next;
    auto consider = [&](qint64 at) { next = next ? std::min(*next, at) : at; };
    if (!query.value(0).isNull())
        consider(query.int64(0));
    if (!query.value(1).isNull())
        consider(timing.nextDayAt + (query.int64(1) - timing.today - 1) * kDay);
    if (query.int64(2) > shown)
        consider(timing.nextDayAt);
    return next;
}

} // namespace javumbo::collection::studystats
