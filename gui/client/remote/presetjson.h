#pragma once

#include "collection/deckoptions.h"
#include "common/result.h"

#include <QJsonArray>
#include <QJsonObject>

#include <optional>

namespace javumbo::gui::presetjson {

// <options> / <preset> of docs/api.md §3.1–§3.2: Anki's col.dconf names, read
// as a collection's preset is (DeckConfig::fromDconfJson), so a preset
// outside the edit ranges (imported from Anki) still reads.
Result<collection::OptionsPreset> read(const QJsonObject &json);
Result<QList<collection::OptionsPreset>> readList(const QJsonArray &json);

// A PUT/POST body: every option; "name" only when given.
QJsonObject body(const scheduling::DeckConfig &config, const std::optional<QString> &name);

} // namespace javumbo::gui::presetjson
