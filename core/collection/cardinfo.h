#pragma once

#include "readview.h"
#include "records.h"

#include <QList>

namespace javumbo::collection {

// One revlog row of a card, as Anki's Card Info lists it.
struct ReviewEntry
{
    qint64 answeredAtMs = 0; // the revlog id
    int ease = 0; // 1 Again … 4 Easy; 0 for a manual reschedule
    int type = 0; // 0 learning, 1 review, 2 relearning, 3 filtered, 4 manual
    qint64 interval = 0; // days when positive, seconds when negative (docs/scheduling.md §6)
    qint64 lastInterval = 0;
    int factor = 0; // permille
    qint64 timeMs = 0;
};

// Everything Card Info shows: the card, its deck's name, when it was added
// and every answer it had, newest first.
struct CardInfo
{
    CardRecord card;
    QString deckName;
    qint64 addedAtMs = 0; // the card id is its creation time
    QList<ReviewEntry> reviews;
    qint64 totalTimeMs = 0;
};

Result<CardInfo> cardInfo(const ReadView &view, qint64 cardId);

} // namespace javumbo::collection
