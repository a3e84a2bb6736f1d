#pragma once

#include "collection/records.h"
#include "collection/studystats.h"

#include <QJsonArray>
#include <QJsonObject>

namespace javumbo::server {

// The response shapes of docs/api.md, in one place.
namespace apijson {

QJsonObject card(const collection::CardRecord &card);
// The card after an answer, plus "undo_id".
QJsonObject answeredCard(const collection::AnsweredCard &answered);
QJsonObject deck(const collection::DeckSummary &deck);
// {"days","counts"} of /stats/reviews and /stats/forecast.
QJsonObject dayCounts(const collection::DayCounts &counts);
QJsonObject nextCard(const collection::NextCard &next);
QJsonObject stats(const collection::CollectionStats &stats);

} // namespace apijson
} // namespace javumbo::server
