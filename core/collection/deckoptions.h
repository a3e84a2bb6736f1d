#pragma once

#include "collectionmeta.h"
#include "scheduling/deckconfig.h"
#include "writecontext.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace javumbo::collection {

// One options preset of col.dconf (docs/scheduling.md §2): Anki's "options
// group", shared by every deck whose `conf` names it.
struct OptionsPreset
{
    qint64 id = 0;
    QString name;
    scheduling::DeckConfig config;
    int deckCount = 0; // decks that use it
};

// Reading and editing deck options as Anki does: presets live in col.dconf,
// each deck names its preset in `conf`, and an edit rewrites only the keys
// Javumbo knows, so what Anki added to a preset (display order, burying,
// FSRS fields) survives. Used by the desktop app and by
// GET/PUT /decks/{id}/options alike.
namespace deckoptions {

inline constexpr qint64 kDefaultPresetId = 1;

// Anki's ranges (its deck options screen); InvalidOptions naming the field,
// its label and the range. Stricter than DeckConfig::fromDconfJson, which
// only refuses what the engine cannot compute with: an imported preset
// outside these ranges still studies, an edit must fit them.
Result<void> validate(const scheduling::DeckConfig &config);

// The preset the deck uses; Default's options when its preset is missing.
Result<OptionsPreset> forDeck(const CollectionMeta &meta, qint64 deckId);
// Every preset, by name, with how many decks use each.
Result<QList<OptionsPreset>> presets(const CollectionMeta &meta);

// Replaces the options (and the name, when given) of the preset the deck
// uses: every deck that shares it follows. Existing cards keep their state.
Result<OptionsPreset> update(WriteContext &context, qint64 deckId, const scheduling::DeckConfig &config,
    const std::optional<QString> &name = std::nullopt);
// The same for a preset named by its id (the desktop's options dialog edits any preset).
Result<OptionsPreset> updatePreset(WriteContext &context, qint64 presetId,
    const scheduling::DeckConfig &config, const std::optional<QString> &name = std::nullopt);
// Points the deck at another existing preset.
Result<OptionsPreset> assign(WriteContext &context, qint64 deckId, qint64 presetId);
// A new preset holding `config`, used by the deck from now on.
Result<OptionsPreset> addPreset(
    WriteContext &context, qint64 deckId, const QString &name, const scheduling::DeckConfig &config);
// Removes a preset; its decks go back to Default, which cannot be removed.
Result<void> removePreset(WriteContext &context, qint64 presetId);

} // namespace deckoptions
} // namespace javumbo::collection
