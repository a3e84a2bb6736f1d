#pragma once

#include <QRandomGenerator>

namespace javumbo::loadtest {

// Every purpose that draws random numbers has its own stream, derived from
// the run's seed: the same seed gives the same accounts, schedule and
// payloads, and one purpose drawing more never shifts another's numbers.
// The values are the streams' first numbers; index n of a kind is value + n.
// Changing one changes what a seed replays.
enum class RandomStream : quint64
{
    RegistrationSchedule = 3, // when each account registers
    Writer = 10'000, // one per writer: cards, pacing, payloads
    Reviewer = 20'000, // one per reviewer: reviews, pacing, eases
    SessionThrasher = 30'000, // one per session worker
    Retrier = 40'000, // one per retrier
    ReviewerUndo = 50'000, // one per reviewer: which of its answers it takes back
    Account = 1'000'000, // one per test account: name, email, password
    HotUserClient = 2'000'000, // one per device of the hot user
};

// The generator of `stream` number `index` of a run with `seed`.
QRandomGenerator randomStream(quint64 seed, RandomStream stream, int index = 0);

} // namespace javumbo::loadtest
