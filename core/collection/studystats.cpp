#include "studystats.h"

#include "collectionerrors.h"
#include "decktree.h"
#include "readview.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace javumbo::collection {

namespace {

constexpr qint64 kDay = 86400;

} // namespace

StudyStats::StudyStats(QString path, const Clock &clock) : m_path(std::move(path)), m_clock(clock) { }

Result<DayCounts> StudyStats::reviewsPerDay(int days)
{
    auto now = ReadView::open(m_path, m_clock);
    if (!now)
        return now.error();
    days = std::max(days, 1);
    // Revlog ids are the answer's time in ms; every id in the window is past its
    // start, so integer division never meets a negative number.
    const qint64 windowStart = now->timing.nextDayAt - days * kDay;
    storage::Query query(*now->db,
        u"SELECT (id / 1000 - ?) / 86400 AS day, count(*) FROM revlog WHERE id >= ? GROUP BY day"_s);
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

Result<DayCounts> StudyStats::dueForecast(int days)
{
    auto now = ReadView::open(m_path, m_clock);
    if (!now)
        return now.error();
    days = std::max(days, 1);
    const auto &timing = now->timing;
    const qint64 todayStart = timing.nextDayAt - kDay;
    storage::Query query(*now->db, u"SELECT queue, due FROM cards WHERE queue IN (1, 2, 3)"_s);
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

Result<std::optional<qint64>> StudyStats::nextDueAt(qint64 deckId)
{
    auto now = ReadView::open(m_path, m_clock);
    if (!now)
        return now.error();
    const DeckTree tree(now->meta.decks());
    if (!tree.contains(deckId))
        return deckNotFound(deckId);
    QStringList ids;
    for (qint64 id : tree.withDescendants(deckId))
        ids.append(QString::number(id));
    const QString decks = ids.join(u',');
    // Deck ids are numbers we wrote ourselves, so inlining them is safe.
    storage::Query query(*now->db,
        u"SELECT (SELECT min(due) FROM cards WHERE queue = 1 AND did IN (%1)),"
        " (SELECT min(due) FROM cards WHERE queue IN (2, 3) AND did IN (%1)),"
        " (SELECT count(*) FROM cards WHERE queue = 0 AND did IN (%1))"_s.arg(decks),
        storage::Query::Caching::Uncached);
    if (auto done = query.exec(); !done)
        return done.error();
    if (!query.next())
        return std::optional<qint64> {};
    const auto &timing = now->timing;
    std::optional<qint64> next;
    auto consider = [&](qint64 at) { next = next ? std::min(*next, at) : at; };
    if (!query.value(0).isNull())
        consider(query.int64(0));
    if (!query.value(1).isNull()) {
        const qint64 dayOffset = query.int64(1) - timing.today;
        consider(dayOffset <= 0 ? timing.now : timing.nextDayAt + (dayOffset - 1) * kDay);
    }
    if (query.int64(2) > 0)
        consider(timing.nextDayAt);
    if (next)
        next = std::max(*next, timing.now);
    return next;
}

} // namespace javumbo::collection
