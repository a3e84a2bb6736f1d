#pragma once

#include "collection/cardinfo.h"
#include "collection/deckoptions.h"
#include "collection/deckstats.h"
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
// <options> with "deck_count" (docs/api.md §3.1, §3.2).
QJsonObject preset(const collection::OptionsPreset &preset);
// GET /cards/{id}/info (§4.7).
QJsonObject cardInfo(const collection::CardInfo &info);
// GET /stats/report (§7.1.2).
QJsonObject deckStats(const collection::DeckStatsReport &report, int days);

} // namespace apijson
} // namespace javumbo::server
