#pragma once

#include "readview.h"

#include <QList>
#include <QStringList>

namespace javumbo::collection {

// Reads over the notes that the add and browse windows need.
namespace notelookups {

// Every tag used by a note, sorted, each once (case-insensitively).
Result<QStringList> allTags(const ReadView &view);

// The notes in the deck whose front reads the same as `front` once the HTML
// is stripped (Anki's duplicate check: the first field's checksum, then the
// text). `front` is the field as the editor stores it.
Result<QList<qint64>> duplicateFronts(const ReadView &view, qint64 deckId, const QString &front);

} // namespace notelookups
} // namespace javumbo::collection
