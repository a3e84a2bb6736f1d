#include "randomstreams.h"

namespace javumbo::loadtest {

QRandomGenerator randomStream(quint64 seed, RandomStream stream, int index)
{
    const quint64 number = quint64(stream) + quint64(index);
    // Distinct streams from one seed: mix the two with a 64-bit odd multiplier.
    const quint64 mixed = seed * 0x9E3779B97F4A7C15ull + (number + 1) * 0xBF58476D1CE4E5B9ull;
    return QRandomGenerator(quint32(mixed ^ (mixed >> 32)));
}

} // namespace javumbo::loadtest
