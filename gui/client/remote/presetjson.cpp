#include "presetjson.h"

#include "collection/deckoptionsjson.h"
#include "jsonfields.h"

using namespace Qt::StringLiterals;

namespace javumbo::gui::presetjson {

Result<collection::OptionsPreset> read(const QJsonObject &json)
{
    JsonFields fields(json, u"options preset"_s);
    collection::OptionsPreset preset;
    preset.id = fields.integer(u"id");
    preset.name = fields.string(u"name");
    // An addition of docs/api.md §3.1; an older server leaves it out.
    preset.deckCount = int(fields.optionalInteger(u"deck_count").value_or(0));
    if (auto valid = fields.check(); !valid)
        return valid.error();
    auto config = scheduling::DeckConfig::fromDconfJson(json);
    if (!config)
        return makeError(ErrorCode::Internal,
            u"the server answered options the app cannot read: %1"_s.arg(config.error().message));
    preset.config = std::move(config).value();
    return preset;
}

Result<QList<collection::OptionsPreset>> readList(const QJsonArray &json)
{
    return readEach(json, read);
}

QJsonObject body(const scheduling::DeckConfig &config, const std::optional<QString> &name)
{
    QJsonObject json
        = collection::deckoptions::toJson(collection::OptionsPreset {0, name.value_or(QString()), config, 0});
    json.remove(u"id"_s);
    if (!name)
        json.remove(u"name"_s);
    return json;
}

} // namespace javumbo::gui::presetjson
