#pragma once

#include "collection/writecontext.h"
#include "exchangedata.h"
#include "importsummary.h"
#include "interopprogress.h"

#include <memory>
#include <optional>

namespace javumbo::interop {

struct ImportOptions
{
    // Packages: the package's decks are placed under this deck (its Default
    // deck becomes this deck). Text files: the deck of rows that name none.
    std::optional<qint64> deckId;
    bool withScheduling = true;
};

// Merges ExchangeData into a Javumbo collection inside the caller's one
// transaction (docs/scheduling.md §11): notes matched by guid (text rows without a
// guid by their first field), updated only when newer (packages) or different
// (text files), existing cards keep their scheduling, new notes, cards and
// revlog rows keep their ids unless taken, review dues shifted across the two
// collections' creation days, decks created by name, the deck options they
// use copied, media references renamed as the media were.
class ExchangeImporter
{
public:
    enum class Matching
    {
        Package, // guid; update when the incoming mod is newer
        TextFile, // guid, else first field; update when the content differs
    };
    ExchangeImporter(collection::WriteContext &context, const ExchangeData &data,
        const ImportOptions &options, Matching matching, ProgressSink progress = {});

    Result<ImportSummary> run();

private:
    Result<qint64> targetDeck(qint64 sourceDeckId);
    Result<qint64> targetConfig(qint64 sourceConfigId);
    Result<void> importNotes();
    Result<void> importCards();
    Result<void> importRevlog();
    qint64 dayShift() const;

    collection::WriteContext &m_context;
    const ExchangeData &m_data;
    const ImportOptions m_options;
    const Matching m_matching;
    ProgressSink m_progress;
    ImportSummary m_summary;
    struct State;
    std::shared_ptr<State> m_state;
};

} // namespace javumbo::interop
