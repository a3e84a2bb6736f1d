#include "fuzz.h"

#include "intervalmath.h"

#include <algorithm>
#include <cmath>

namespace javumbo::scheduling {

namespace {
// The largest float below 1: a fixed `u` of 1 would pick one past the range.
constexpr float s_belowOne = 0x1.fffffep-1f;
} // namespace

FuzzSource::FuzzSource(Mode mode, float u) : m_mode(mode), m_fixed(u) { }

FuzzSource FuzzSource::off()
{
    return FuzzSource(Mode::Off, 0.0f);
}

FuzzSource FuzzSource::fixed(float u)
{
    // `!(u > 0)` also sends NaN to 0.
    return FuzzSource(Mode::Fixed, !(u > 0.0f) ? 0.0f : std::min(u, s_belowOne));
}

FuzzSource FuzzSource::seeded()
{
    return FuzzSource(Mode::Seeded, 0.0f);
}

bool FuzzSource::isOff() const
{
    return m_mode == Mode::Off;
}

float FuzzSource::unit(qint64 cardId, int repsBeforeAnswer) const
{
    switch (m_mode) {
    case Mode::Off:
        return 0.0f;
    case Mode::Fixed:
        return m_fixed;
    case Mode::Seeded:
        break;
    }
    // Two's-complement wrap-around is intended: any id + reps is a valid seed.
    const quint64 seed = quint64(cardId) + quint64(qint64(repsBeforeAnswer));
    // The top 24 bits fill a float mantissa exactly, so u < 1 always.
    return float(splitMix64(seed) >> 40) / 16777216.0f;
}

quint64 splitMix64(quint64 seed)
{
    quint64 z = seed + 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

int fuzzedInterval(float x, int lo, int hi, float u)
{
    lo = std::min(lo, hi);
    x = std::clamp(x, float(lo), float(hi));

    // Anki's v3 ranges: ±1 day from 2.5, then 15 % up to 7 days, 10 % up to
    // 20, 5 % beyond; accumulated left to right in float like Anki.
    float delta = 0.0f;
    if (x >= 2.5f) {
        delta = 1.0f;
        delta = delta + 0.15f * std::max(std::min(x, 7.0f) - 2.5f, 0.0f);
        delta = delta + 0.1f * std::max(std::min(x, 20.0f) - 7.0f, 0.0f);
        delta = delta + 0.05f * std::max(x - 20.0f, 0.0f);
    }

    const int a = std::clamp(roundedCount(x - delta), lo, hi);
    int b = std::clamp(roundedCount(x + delta), lo, hi);
    // A one-day range would make fuzz a no-op for short intervals.
    if (a == b && b > 2 && b < hi)
        b = a + 1;

    const float picked = std::floor(float(a) + u * float(b - a + 1));
    // Within a few ulps of u = 1 the floor alone can reach b + 1.
    return std::min(b, truncatedCount(picked));
}

qint64 learningFuzz(qint64 seconds, float u)
{
    const qint64 extra = truncatedCount64(std::min(float(seconds) * 0.25f, 300.0f));
    return truncatedCount64(std::floor(u * float(extra)));
}

} // namespace javumbo::scheduling
