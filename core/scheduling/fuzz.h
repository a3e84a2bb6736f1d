#pragma once

#include <QtGlobal>

namespace javumbo::scheduling {

// Where the engine's randomness comes from (docs/scheduling.md §5). Anki's own
// generator cannot be reproduced; Seeded derives `u` from card id + reps so a
// preview always shows what the answer will apply.
class FuzzSource
{
public:
    static FuzzSource off();
    static FuzzSource fixed(float u); // u is kept inside [0, 1)
    static FuzzSource seeded();

    bool isOff() const;
    // Off yields 0 (the engine does not fuzz at all then).
    float unit(qint64 cardId, int repsBeforeAnswer) const;

private:
    enum class Mode
    {
        Off,
        Fixed,
        Seeded
    };
    FuzzSource(Mode mode, float u);

    Mode m_mode = Mode::Off;
    float m_fixed = 0.0f;
};

// SplitMix64's first output for `seed` (Steele, Lea, Flood 2014; the
// constants of Vigna's reference implementation). Pinned by a test.
quint64 splitMix64(quint64 seed);

// Review fuzz (§5 steps 1-4): a day count in [lo, hi] around `x`, picked by `u`.
int fuzzedInterval(float x, int lo, int hi, float u);

// Extra seconds added to a queue-1 placement of `seconds` (§5 learning fuzz):
// at most 25 % of the delay and never more than 5 minutes.
qint64 learningFuzz(qint64 seconds, float u);

} // namespace javumbo::scheduling
