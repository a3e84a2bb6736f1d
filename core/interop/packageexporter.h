#pragma once

#include "common/clock.h"
#include "common/result.h"
#include "interopprogress.h"

#include <optional>

namespace javumbo::interop {

struct PackageExportOptions
{
    bool wholeCollection = false; // .colpkg: everything, graves included
    std::optional<qint64> deckId; // .apkg: this deck and its children (all decks when none)
    bool withScheduling = true;
};

struct PackageExportResult
{
    qint64 notes = 0;
    qint64 cards = 0;
    qint64 revlog = 0;
    qint64 media = 0;
};

// Writes a version-1 package (docs/scheduling.md §11) for the widest reach:
// collection.anki2 (schema 11 exactly as §9, a copy made with VACUUM INTO, so
// a live file and its WAL are never zipped; switched to journal_mode=DELETE,
// tables that are not Anki's dropped, free pages vacuumed away), `media` the
// JSON map, the media files as entries 0, 1, ..., and no `meta`. An .apkg of
// a deck holds the deck, its children, their notes, cards, revlog and the
// deck options they use; "without scheduling" resets every card to new (in
// due order), empties revlog and drops the leech tag.
Result<PackageExportResult> exportPackage(const QString &collectionPath, const Clock &clock,
    const PackageExportOptions &options, const QString &outPath, const ProgressSink &progress = {});

} // namespace javumbo::interop
