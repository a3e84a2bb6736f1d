#pragma once

#include "deckoptions.h"

#include <QJsonObject>

#include <optional>

namespace javumbo::collection::deckoptions {

// The API's <options> (docs/api.md "Decks"): the preset's id and name and its
// options under Anki's col.dconf names.
QJsonObject toJson(const OptionsPreset &preset);

// A PUT body over the preset's current options: every option of <options> is
// required, `maxTaken` and `name` are optional. InvalidOptions naming the
// field for a missing one, a wrong type or a value outside Anki's range.
struct OptionsEdit
{
    scheduling::DeckConfig config;
    std::optional<QString> name;
};
Result<OptionsEdit> fromJson(const QJsonObject &json, const scheduling::DeckConfig &current);

} // namespace javumbo::collection::deckoptions
