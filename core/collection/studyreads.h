#pragma once

#include "readview.h"
#include "records.h"
#include "scheduling/fuzz.h"

namespace javumbo::collection {

// What the study screens read from a collection: the next card of a deck with
// what each button would schedule, and the overview counts of GET /stats.
namespace studyreads {

Result<std::optional<NextCard>> nextCard(
    const ReadView &view, qint64 deckId, const scheduling::FuzzSource &fuzz);
Result<CollectionStats> stats(const ReadView &view);

} // namespace studyreads
} // namespace javumbo::collection
