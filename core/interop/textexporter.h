#pragma once

#include "collection/readview.h"
#include "interopprogress.h"

#include <optional>

namespace javumbo::interop {

// The notes of a deck (and its children; all decks when none) as the text
// file Anki itself writes (docs/scheduling.md §11): `#separator:tab`, `#html:true`,
// `#guid column:1`, `#notetype column:2`, `#deck column:3`, `#tags column:6`,
// then guid, "Basic", deck, front, back, tags, so that Anki re-imports it as
// updates of the same notes.
Result<QByteArray> exportText(
    const collection::ReadView &view, std::optional<qint64> deckId, const ProgressSink &progress = {});

} // namespace javumbo::interop
