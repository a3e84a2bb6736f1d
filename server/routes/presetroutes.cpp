#include "routes.h"

#include "collection/deckoptionsjson.h"
#include "services/backend.h"
#include "services/deckoptionsservice.h"
#include "json/apijson.h"

using namespace Qt::StringLiterals;

// Option presets themselves (docs/api.md §3.2), as the desktop's options
// dialog manages them, over the service the desktop app uses.
namespace javumbo::server::routes {

namespace {

DeckOptionsService options(const RequestContext &context)
{
    return DeckOptionsService(context.backend.context());
}

HttpResponse presetResponse(int status, const collection::OptionsPreset &preset)
{
    return HttpResponse::json(status, apijson::preset(preset));
}

Result<HttpResponse> listPresets(RequestContext &context)
{
    auto presets = options(context).presets(context.userId());
    if (!presets)
        return presets.error();
    QJsonArray array;
    for (const collection::OptionsPreset &preset : presets.value())
        array.append(apijson::preset(preset));
    return HttpResponse::json(200, array);
}

// <options> with a required name and the deck that uses the new preset.
Result<HttpResponse> addPreset(RequestContext &context)
{
    auto deckId = context.body.requiredInteger(u"deck_id"_s);
    if (!deckId)
        return deckId.error();
    // Every option is required, so the base only gives maxTaken when it is left out.
    auto edit = collection::deckoptions::fromJson(context.body.object(), scheduling::DeckConfig {});
    if (!edit)
        return edit.error();
    if (!edit->name)
        return makeError(ErrorCode::InvalidOptions, u"name: a preset needs a name"_s);
    auto preset = options(context).addPreset(context.userId(), deckId.value(), *edit->name, edit->config);
    if (!preset)
        return preset.error();
    return presetResponse(201, preset.value());
}

Result<HttpResponse> updatePreset(RequestContext &context)
{
    auto preset
        = options(context).updatePresetFromJson(context.userId(), context.id(), context.body.object());
    if (!preset)
        return preset.error();
    return presetResponse(200, preset.value());
}

Result<HttpResponse> removePreset(RequestContext &context)
{
    if (auto done = options(context).removePreset(context.userId(), context.id()); !done)
        return done.error();
    return HttpResponse::noContent();
}

Result<HttpResponse> useDeckPreset(RequestContext &context)
{
    auto presetId = context.body.requiredInteger(u"preset_id"_s);
    if (!presetId)
        return presetId.error();
    if (presetId.value() < 1)
        return makeError(ErrorCode::BadRequest, u"field \"preset_id\" must be a positive integer"_s);
    auto preset = options(context).assign(context.userId(), context.id(), presetId.value());
    if (!preset)
        return preset.error();
    return presetResponse(200, preset.value());
}

} // namespace

QList<Endpoint> presets()
{
    return {
        {"GET", u"/api/v1/option-presets"_s, Access::User, BodyKind::None, listPresets},
        {"POST", u"/api/v1/option-presets"_s, Access::User, BodyKind::Json, addPreset},
        {"PUT", u"/api/v1/option-presets/{id}"_s, Access::User, BodyKind::Json, updatePreset},
        {"DELETE", u"/api/v1/option-presets/{id}"_s, Access::User, BodyKind::None, removePreset},
        {"PUT", u"/api/v1/decks/{id}/preset"_s, Access::User, BodyKind::Json, useDeckPreset},
    };
}

} // namespace javumbo::server::routes
