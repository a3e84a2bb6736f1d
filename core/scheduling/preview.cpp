#include "preview.h"

#include "answer.h"

namespace javumbo::scheduling {

Result<std::array<qint64, 4>> previewIntervals(
    const CardState &card, const DeckConfig &config, const DayTiming &timing, const FuzzSource &fuzz)
{
    std::array<qint64, 4> seconds {};
    for (Ease ease : {Ease::Again, Ease::Hard, Ease::Good, Ease::Easy}) {
        const Result<AnswerOutcome> outcome = answerCard(card, ease, config, timing, fuzz, 0);
        if (!outcome)
            return outcome.error();
        // The revlog interval is exactly the preview's unit: −unfuzzed seconds
        // for a same-day step, otherwise days.
        const qint64 ivl = outcome->revlog.ivl;
        seconds[size_t(int(ease) - 1)] = ivl < 0 ? -ivl : ivl * 86400;
    }
    return seconds;
}

} // namespace javumbo::scheduling
