#include "nextstate.h"

#include "deckconfig.h"
#include "learningsteps.h"
#include "reviewintervals.h"

#include <algorithm>
#include <limits>

namespace javumbo::scheduling {

namespace {

constexpr int s_minimumFactor = 1300;
constexpr int s_hardFactorDelta = 150;
constexpr int s_easyFactorDelta = 150;
constexpr int s_againFactorDelta = 200;

NextState stepState(const NextState &from, int type, qint64 delay, int left)
{
    NextState next = from;
    next.type = type;
    next.delaySeconds = delay;
    next.left = left;
    return next;
}

NextState reviewState(const NextState &from, int ivl, int factor)
{
    NextState next = from;
    next.type = TypeReview;
    next.delaySeconds = 0;
    next.ivl = ivl;
    next.factor = factor;
    next.left = 0;
    return next;
}

// §4.3. A new card is a learning card on its first step that was never shown.
NextState answerLearning(const CardState &card, Ease ease, const DeckConfig &config, std::optional<float> u,
    const NextState &unchanged)
{
    const LearningSteps steps(config.learnSteps);
    const int left = card.type == TypeNew ? steps.count() : card.left;
    const auto graduate = [&](int days) {
        return reviewState(unchanged, graduatingInterval(days, config, u), config.initialFactor);
    };

    if (ease == Ease::Easy)
        return graduate(config.easyInterval);
    if (steps.isEmpty())
        return graduate(config.graduatingInterval);

    switch (ease) {
    case Ease::Again:
        return stepState(unchanged, TypeLearning, steps.againDelay(), steps.count());
    case Ease::Hard:
        return stepState(unchanged, TypeLearning, steps.hardDelay(left), steps.normalizedLeft(left));
    case Ease::Good:
    case Ease::Easy:
        break;
    }
    if (const auto delay = steps.goodDelay(left))
        return stepState(unchanged, TypeLearning, *delay, steps.leftAfterGood(left));
    return graduate(config.graduatingInterval);
}

// §4.4 and §4.5.
NextState answerReview(const CardState &card, Ease ease, const DeckConfig &config, int today,
    std::optional<float> u, const NextState &unchanged)
{
    if (ease == Ease::Again) {
        NextState next = unchanged;
        next.lapses = card.lapses + 1;
        const int factor = std::max(s_minimumFactor, card.factor - s_againFactorDelta);
        const int ivl = lapseInterval(card.ivl, config, u);
        const LearningSteps relearn(config.relearnSteps);
        if (relearn.isEmpty())
            return reviewState(next, ivl, factor);
        next.ivl = ivl;
        next.factor = factor;
        return stepState(next, TypeRelearning, relearn.againDelay(), relearn.count());
    }

    // Answering before the due day counts as on time, as in Anki's normal decks.
    const qint64 daysLate = std::max<qint64>(0, qint64(today) - card.due);
    const ReviewIntervals intervals = reviewIntervals(card.ivl, card.factor, daysLate, config, u);
    switch (ease) {
    case Ease::Hard:
        return reviewState(
            unchanged, intervals.hard, std::max(s_minimumFactor, card.factor - s_hardFactorDelta));
    case Ease::Good:
        return reviewState(unchanged, intervals.good, card.factor);
    case Ease::Easy:
    case Ease::Again:
        break;
    }
    // Easy raises the ease without a ceiling, as Anki does.
    return reviewState(unchanged, intervals.easy, card.factor + s_easyFactorDelta);
}

// §4.6. `ivl` already holds the post-lapse interval; ease and lapses stay.
NextState answerRelearning(const CardState &card, Ease ease, const DeckConfig &config, std::optional<float> u,
    const NextState &unchanged)
{
    const LearningSteps relearn(config.relearnSteps);
    const auto graduate = [&](int days) { return reviewState(unchanged, days, card.factor); };

    switch (ease) {
    case Ease::Again:
        if (relearn.isEmpty())
            return graduate(card.ivl);
        {
            // The lapse multiplier applies again to the post-lapse interval.
            NextState next = unchanged;
            next.ivl = lapseInterval(card.ivl, config, u);
            return stepState(next, TypeRelearning, relearn.againDelay(), relearn.count());
        }
    case Ease::Hard:
        if (relearn.isEmpty())
            return graduate(card.ivl);
        return stepState(
            unchanged, TypeRelearning, relearn.hardDelay(card.left), relearn.normalizedLeft(card.left));
    case Ease::Good:
        if (const auto delay = relearn.goodDelay(card.left))
            return stepState(unchanged, TypeRelearning, *delay, relearn.leftAfterGood(card.left));
        return graduate(card.ivl);
    case Ease::Easy:
        break;
    }
    // No fuzz and no maxIvl clamp here, exactly as Anki.
    return graduate(std::min(card.ivl, std::numeric_limits<int>::max() - 1) + 1);
}

} // namespace

NextState nextState(
    const CardState &card, Ease ease, const DeckConfig &config, int today, std::optional<float> u)
{
    // Learning states keep ivl and factor as they are (0 for cards that came
    // from new); only graduation and review answers set them.
    NextState unchanged;
    unchanged.type = card.type;
    unchanged.ivl = card.ivl;
    unchanged.factor = card.factor;
    unchanged.left = card.left;
    unchanged.lapses = card.lapses;

    switch (card.type) {
    case TypeReview:
        return answerReview(card, ease, config, today, u, unchanged);
    case TypeRelearning:
        return answerRelearning(card, ease, config, u, unchanged);
    default:
        return answerLearning(card, ease, config, u, unchanged);
    }
}

} // namespace javumbo::scheduling
