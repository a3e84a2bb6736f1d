#pragma once

#include "collection/deckstats.h"
#include "collection/records.h"
#include "collection/studystats.h"
#include "common/result.h"

#include <QJsonObject>

namespace javumbo::gui::statsjson {

// GET /stats (docs/api.md §7.1).
Result<collection::CollectionStats> readStats(const QJsonObject &json);
// {"days","counts"} of /stats/reviews and /stats/forecast (§7.1.1).
Result<collection::DayCounts> readDayCounts(const QJsonObject &json);
// GET /stats/report (§7.1.2).
Result<collection::DeckStatsReport> readReport(const QJsonObject &json);

} // namespace javumbo::gui::statsjson
