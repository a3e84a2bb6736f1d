#include "deckstats.h"

#include "collectionerrors.h"
#include "decktree.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace javumbo::collection {

namespace {

constexpr qint64 kDay = 86400;

// "did IN (...)" for the deck and its children, or a condition that holds for every card.
Result<QString> deckCondition(const ReadView &view, std::optional<qint64> deckId)
{
    if (!deckId)
        return u"TRUE"_s;
    const DeckTree tree(view.meta.decks());
    if (!tree.contains(*deckId))
        return deckNotFound(*deckId);
    QStringList ids;
    for (qint64 id : tree.withDescendants(*deckId))
        ids.append(QString::number(id));
    return QString(u"did IN ("_s % ids.join(u',') % u")"_s); // our own numbers: safe to inline
}

Result<void> countCards(const ReadView &view, const QString &inDeck, DeckStatsReport &report)
{
    storage::Query query(*view.db,
        u"SELECT count(*), count(*) FILTER (WHERE queue = 0), count(*) FILTER (WHERE queue IN (1, 3)),"
        " count(*) FILTER (WHERE queue = 2), count(*) FILTER (WHERE queue = -1)"
        " FROM cards WHERE $user() "_s
            % inDeck,
        storage::Query::Caching::Uncached);
    if (auto done = query.exec(); !done)
        return done;
    if (query.next()) {
        report.cards = query.int64(0);
        report.newCards = query.int64(1);
        report.learningCards = query.int64(2);
        report.reviewCards = query.int64(3);
        report.suspendedCards = query.int64(4);
    }
    return {};
}

Result<void> readRevlog(const ReadView &view, const QString &inDeck, int days, DeckStatsReport &report)
{
    // Revlog ids are the answer's time in ms; every id in the window is past its start.
    const qint64 windowStart = view.timing.nextDayAt - days * kDay;
    storage::Query query(*view.db,
        u"SELECT (r.id / 1000 - ?) / 86400, r.ease, r.type, r.lastIvl, r.time FROM revlog r"
        " WHERE $user(r) r.id >= ? AND r.cid IN (SELECT c.id FROM cards c WHERE $user(c) "_s
            % inDeck % u")"_s,
        storage::Query::Caching::Uncached);
    query.bind(windowStart).bind(windowStart * 1000);
    if (auto done = query.exec(); !done)
        return done;
    report.reviews = DayCounts(days, 0);
    report.studySeconds = DayCounts(days, 0);
    QList<qint64> dayMs(days, 0); // summed in ms, rounded once per day below
    while (query.next()) {
        const qint64 day = query.int64(0);
        const int ease = query.int32(1);
        const int type = query.int32(2);
        const qint64 lastInterval = query.int64(3);
        if (day >= 0 && day < days) {
            ++report.reviews[day];
            dayMs[day] += query.int64(4);
        }
        if (ease < 1 || ease > 4)
            continue; // manual reschedules (type 4) write ease 0
        const bool review = type == 1;
        const bool mature = review && lastInterval >= kMatureIntervalDays;
        if (type == 0 || type == 2)
            ++report.buttons.learning[ease - 1];
        else if (review)
            ++(mature ? report.buttons.mature : report.buttons.young)[ease - 1];
        if (review) {
            (mature ? report.retention.matureTotal : report.retention.youngTotal) += 1;
            if (ease > 1)
                (mature ? report.retention.maturePassed : report.retention.youngPassed) += 1;
        }
    }
    for (int day = 0; day < days; ++day)
        report.studySeconds[day] = (dayMs[day] + 500) / 1000;
    report.reviewsToday = report.reviews.constLast();
    report.secondsToday = report.studySeconds.constLast();
    return {};
}

Result<void> readForecast(const ReadView &view, const QString &inDeck, int days, DeckStatsReport &report)
{
    const qint64 todayStart = view.timing.nextDayAt - kDay;
    storage::Query query(*view.db,
        u"SELECT queue, due FROM cards WHERE $user() queue IN (1, 2, 3) AND "_s % inDeck,
        storage::Query::Caching::Uncached);
    if (auto done = query.exec(); !done)
        return done;
    report.forecast = DayCounts(days, 0);
    while (query.next()) {
        const int queue = query.int32(0);
        const qint64 due = query.int64(1);
        // Queue 1 is due at a time, queues 2 and 3 on a day number.
        const qint64 offset
            = queue == 1 ? (std::max(due, todayStart) - todayStart) / kDay : due - view.timing.today;
        const qint64 day = std::max<qint64>(offset, 0);
        if (day < days)
            ++report.forecast[day];
    }
    return {};
}

} // namespace

Result<DeckStatsReport> deckStats(const ReadView &view, std::optional<qint64> deckId, int days)
{
    days = std::clamp(days, 1, 3650);
    auto inDeck = deckCondition(view, deckId);
    if (!inDeck)
        return inDeck.error();
    DeckStatsReport report;
    if (auto done = countCards(view, inDeck.value(), report); !done)
        return done.error();
    if (auto done = readRevlog(view, inDeck.value(), days, report); !done)
        return done.error();
    if (auto done = readForecast(view, inDeck.value(), days, report); !done)
        return done.error();
    return report;
}

} // namespace javumbo::collection
