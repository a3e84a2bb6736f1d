#include "studyreads.h"

#include "collectionerrors.h"
#include "decktree.h"
#include "reviewqueue.h"
#include "scheduling/preview.h"

using namespace Qt::StringLiterals;

namespace javumbo::collection::studyreads {

Result<std::optional<NextCard>> nextCard(
    const ReadView &view, qint64 deckId, const scheduling::FuzzSource &fuzz)
{
    const DeckTree tree(view.meta.decks());
    if (!tree.contains(deckId))
        return deckNotFound(deckId);
    auto queue = ReviewQueue::forDeck(view, tree, deckId);
    if (!queue)
        return queue.error();
    auto counts = queue.value().counts();
    if (!counts)
        return counts.error();
    auto next = queue.value().next();
    if (!next)
        return next.error();
    if (!next.value())
        return std::optional<NextCard> {};
    NextCard result;
    result.card = *next.value();
    result.counts = counts.value();
    auto cardConfig = view.meta.deckConfig(result.card.deckId);
    if (!cardConfig)
        return cardConfig.error();
    auto intervals = scheduling::previewIntervals(result.card.state, cardConfig.value(), view.timing, fuzz);
    if (!intervals)
        return intervals.error();
    result.intervals = intervals.value();
    return std::optional<NextCard> {result};
}

Result<CollectionStats> stats(const ReadView &view)
{
    const scheduling::DayTiming &timing = view.timing;
    const qint64 dayStartMs = (timing.nextDayAt - 86400) * 1000;
    const QString sql = u"SELECT (SELECT count(*) FROM cards c WHERE $user(c) TRUE),"
                        " (SELECT count(*) FROM notes n WHERE $user(n) TRUE),"
                        " (SELECT count(*) FROM revlog r WHERE $user(r) r.id >= ?),"
                        " (SELECT count(*) FROM cards c WHERE $user(c)"
                        " ((c.queue IN (2, 3) AND c.due <= ?) OR (c.queue = 1 AND c.due < ?))),"
                        " (SELECT count(*) FROM cards c WHERE $user(c) c.type = 0 AND c.queue >= 0),"
                        " (SELECT count(*) FROM cards c WHERE $user(c) c.type IN (1, 3) AND c.queue >= 0),"
                        " (SELECT count(*) FROM cards c WHERE $user(c) c.type = 2 AND c.queue >= 0),"
                        " (SELECT count(*) FROM cards c WHERE $user(c) c.queue = -1)"_s;
    storage::Query query(*view.db, sql);
    query.bind(dayStartMs).bind(timing.today).bind(timing.nextDayAt);
    if (auto done = query.exec(); !done)
        return done.error();
    if (!query.next())
        return makeError(ErrorCode::Internal, u"statistics query returned no row"_s);
    CollectionStats stats;
    stats.cards = query.int64(0);
    stats.notes = query.int64(1);
    stats.reviewsToday = query.int64(2);
    stats.dueToday = query.int64(3);
    stats.newCards = query.int64(4);
    stats.learningCards = query.int64(5);
    stats.reviewCards = query.int64(6);
    stats.suspendedCards = query.int64(7);
    stats.decks = view.meta.decks().size();
    return stats;
}

} // namespace javumbo::collection::studyreads
