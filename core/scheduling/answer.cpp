#include "answer.h"

#include "daytiming.h"
#include "deckconfig.h"
#include "fuzz.h"
#include "learningsteps.h"
#include "nextstate.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace javumbo::scheduling {

namespace {

constexpr qint64 s_secondsPerDay = 86400;

// A delay reaching the next day is counted in days (§4.7, §6), without fuzz.
bool crossesDay(qint64 delay, const DayTiming &timing)
{
    return delay >= timing.secondsUntilNextDay();
}

qint64 daysForDelay(qint64 delay, const DayTiming &timing)
{
    return (delay - timing.secondsUntilNextDay()) / s_secondsPerDay + 1;
}

// The revlog form of a step delay: +days when it crosses the day, else −seconds.
qint64 revlogInterval(qint64 delay, const DayTiming &timing)
{
    return crossesDay(delay, timing) ? daysForDelay(delay, timing) : -delay;
}

// lastIvl reports the step the card is on, not the time actually waited.
qint64 lastInterval(const CardState &card, const DeckConfig &config, const DayTiming &timing)
{
    switch (card.type) {
    case TypeLearning:
        return revlogInterval(LearningSteps(config.learnSteps).currentDelay(card.left), timing);
    case TypeRelearning:
        return revlogInterval(LearningSteps(config.relearnSteps).currentDelay(card.left), timing);
    case TypeReview:
        return card.ivl;
    default:
        return 0;
    }
}

int revlogTypeFor(int cardType)
{
    switch (cardType) {
    case TypeReview:
        return RevlogReview;
    case TypeRelearning:
        return RevlogRelearning;
    default:
        return RevlogLearning;
    }
}

bool isKnownType(int type)
{
    return type >= TypeNew && type <= TypeRelearning;
}

} // namespace

bool isLeechLapse(int lapses, int threshold)
{
    if (threshold <= 0 || lapses < threshold)
        return false;
    const int half = std::max(1, (threshold + 1) / 2);
    return (lapses - threshold) % half == 0;
}

Result<AnswerOutcome> answerCard(const CardState &card, Ease ease, const DeckConfig &config,
    const DayTiming &timing, const FuzzSource &fuzz, qint64 timeTakenMs)
{
    if (card.queue < 0)
        return makeError(ErrorCode::CardNotReviewable, u"The card is suspended or buried"_s);
    if (int(ease) < int(Ease::Again) || int(ease) > int(Ease::Easy))
        return makeError(ErrorCode::InvalidEase, u"Ease must be 1, 2, 3 or 4"_s);
    if (!isKnownType(card.type))
        return makeError(ErrorCode::StorageCorrupt, u"The card has an unknown type %1"_s.arg(card.type));

    // One unit per answer, shared by all fuzzed values, so the preview of
    // every button is what that button applies.
    const std::optional<float> u
        = fuzz.isOff() ? std::nullopt : std::optional<float>(fuzz.unit(card.id, card.reps));
    const NextState next = nextState(card, ease, config, timing.today, u);

    AnswerOutcome outcome;
    CardState &result = outcome.card;
    result = card;
    result.type = next.type;
    result.ivl = next.ivl;
    result.factor = next.factor;
    result.left = next.left;
    result.lapses = next.lapses;
    result.reps = card.reps + 1;

    RevlogEntry &log = outcome.revlog;
    if (next.type == TypeReview) {
        result.queue = QueueReview;
        result.due = timing.today + qint64(next.ivl);
        log.ivl = next.ivl;
    } else if (crossesDay(next.delaySeconds, timing)) {
        result.queue = QueueDayLearning;
        result.due = timing.today + daysForDelay(next.delaySeconds, timing);
        log.ivl = daysForDelay(next.delaySeconds, timing);
    } else {
        result.queue = QueueLearning;
        result.due = timing.now + next.delaySeconds + (u ? learningFuzz(next.delaySeconds, *u) : 0);
        log.ivl = -next.delaySeconds;
    }

    if (card.type == TypeReview && ease == Ease::Again
        && isLeechLapse(result.lapses, config.leechThreshold)) {
        outcome.becameLeech = true;
        if (config.leechAction == 0)
            result.queue = QueueSuspended;
    }

    log.ease = int(ease);
    log.lastIvl = lastInterval(card, config, timing);
    log.factor = next.type == TypeLearning ? 0 : next.factor;
    log.timeMs = int(std::clamp<qint64>(timeTakenMs, 0, qint64(config.maxAnswerSeconds) * 1000));
    log.type = revlogTypeFor(card.type);
    return outcome;
}

} // namespace javumbo::scheduling
