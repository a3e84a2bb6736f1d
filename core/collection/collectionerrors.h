#pragma once

#include "common/result.h"

namespace javumbo::collection {

// The refusals several features of the collection share, worded once.
Error cardNotFound(qint64 cardId);
Error deckNotFound(qint64 deckId);
Error presetNotFound(qint64 presetId);

} // namespace javumbo::collection
