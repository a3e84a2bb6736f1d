#pragma once

#include <QtGlobal>

namespace javumbo::scheduling {

// Values of the `cards.type` column (docs/scheduling.md §1): the card's real state.
enum CardType : int
{
    TypeNew = 0,
    TypeLearning = 1,
    TypeReview = 2,
    TypeRelearning = 3
};

// Values of the `cards.queue` column. Negative queues hide a card without
// losing its type; queue 4 (filtered-deck preview) is never written.
enum CardQueue : int
{
    QueueUserBuried = -3,
    QueueSchedBuried = -2,
    QueueSuspended = -1,
    QueueNew = 0,
    QueueLearning = 1,
    QueueReview = 2,
    QueueDayLearning = 3,
};

// The scheduling columns of one Anki `cards` row. A value type: the engine
// reads one and returns another, storage does the rest (mod, usn, ids).
struct CardState
{
    qint64 id = 0; // card id; with `reps` it seeds the fuzz (§5)
    int type = TypeNew;
    int queue = QueueNew;
    qint64 due = 0;
    int ivl = 0;
    int factor = 0;
    int reps = 0;
    int lapses = 0;
    int left = 0; // read as `left mod 1000` (older v2 collections store more)
    bool operator==(const CardState &) const = default;
};

// The queue an unsuspended or unburied card returns to (§1): learning cards
// whose `due` is a timestamp go to queue 1, day-numbered ones to queue 3.
int queueForType(int type, qint64 due);

} // namespace javumbo::scheduling
