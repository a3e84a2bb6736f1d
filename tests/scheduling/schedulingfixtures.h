#pragma once

#include "scheduling/answer.h"
#include "scheduling/cardstate.h"
#include "scheduling/daytiming.h"
#include "scheduling/deckconfig.h"

#include <QList>

namespace javumbo::scheduling {

// Readable QCOMPARE failures; found by argument-dependent lookup.
char *toString(const CardState &card);
char *toString(const RevlogEntry &entry);

namespace fixtures {

// docs/scheduling.md §8's clock: UTC, rollover 4, crt = 2024-01-01 04:00Z.
inline constexpr qint64 s_crt = 1704081600;
inline constexpr qint64 s_cardId = 1704081600123;

// "dD hh:mm" of §8: crt + D·86400 + (hh − 4)·3600 + mm·60 (hh may exceed 23).
qint64 at(int day, int hour, int minute);
DayTiming timingAt(qint64 now);

CardState newCard(qint64 position = 1);
CardState learningCard(qint64 dueSeconds, int left, int reps);
CardState dayLearningCard(qint64 dueDay, int left, int reps);
CardState reviewCard(int ivl, int factor, qint64 dueDay, int reps = 5, int lapses = 0);
CardState relearningCard(qint64 dueSeconds, int ivl, int factor, int left, int reps, int lapses);

// Any card state with the fixture's id, for expected values.
CardState makeCard(int type, int queue, qint64 due, int ivl, int factor, int left, int reps, int lapses = 0);

RevlogEntry revlog(int ease, qint64 ivl, qint64 lastIvl, int factor, int type, int timeMs = 0);

DeckConfig withSteps(const QList<float> &learn, const QList<float> &relearn);

} // namespace fixtures
} // namespace javumbo::scheduling
