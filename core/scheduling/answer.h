#pragma once

#include "cardstate.h"
#include "common/result.h"
#include "ease.h"

#include <QtGlobal>

namespace javumbo::scheduling {

struct DeckConfig;
struct DayTiming;
class FuzzSource;

// Values of the revlog `type` column: the state *before* the answer.
enum RevlogType : int
{
    RevlogLearning = 0,
    RevlogReview = 1,
    RevlogRelearning = 2
};

// The scheduling columns of one revlog row (docs/scheduling.md §6); storage adds
// id, cid and usn.
struct RevlogEntry
{
    int ease = 0;
    qint64 ivl = 0; // days, or negative seconds for a same-day step
    qint64 lastIvl = 0; // the same for the state before the answer
    int factor = 0;
    int timeMs = 0;
    int type = RevlogLearning;
    bool operator==(const RevlogEntry &) const = default;
};

struct AnswerOutcome
{
    CardState card;
    RevlogEntry revlog;
    bool becameLeech = false; // storage tags the note `leech`
};

// Applies one answer (§4): the card's next state placed in its queue,
// reps + 1, the leech check after a lapse, and the revlog row. Suspended and
// buried cards (queue < 0) are CardNotReviewable; mod and usn are storage's.
Result<AnswerOutcome> answerCard(const CardState &card, Ease ease, const DeckConfig &config,
    const DayTiming &timing, const FuzzSource &fuzz, qint64 timeTakenMs);

// §4.8: with threshold t, leeches at t, t + ceil(t/2), t + 2·ceil(t/2), …; 0 is off.
bool isLeechLapse(int lapses, int threshold);

} // namespace javumbo::scheduling
