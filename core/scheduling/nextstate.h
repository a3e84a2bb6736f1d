#pragma once

#include "cardstate.h"
#include "ease.h"

#include <QtGlobal>

#include <optional>

namespace javumbo::scheduling {

struct DeckConfig;

// Where an answer sends a card before it is placed in a queue (docs/scheduling.md
// §4.3-4.6). Placement (§4.7) needs `now` and the day boundary; this does not.
struct NextState
{
    int type = TypeLearning; // TypeLearning, TypeReview or TypeRelearning
    qint64 delaySeconds = 0; // (re)learning: the unfuzzed step delay
    int ivl = 0; // review: days; relearning: days on graduating
    int factor = 0;
    int left = 0;
    int lapses = 0;
};

// `u` is the card's fuzz unit, or nullopt when fuzz is off. `card.type` must
// be one of the four real states.
NextState nextState(
    const CardState &card, Ease ease, const DeckConfig &config, int today, std::optional<float> u);

} // namespace javumbo::scheduling
