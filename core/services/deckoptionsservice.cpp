#include "deckoptionsservice.h"

#include "collection/collectionerrors.h"
#include "collection/deckoptionsjson.h"
#include "collection/readview.h"

namespace javumbo {

using collection::OptionsPreset;
using collection::UserCollection;
using collection::WriteContext;
namespace deckoptions = collection::deckoptions;

DeckOptionsService::DeckOptionsService(const ServiceContext &context) : m_access(context) { }

Result<OptionsPreset> DeckOptionsService::forDeck(qint64 userId, qint64 deckId) const
{
    return m_access.read(userId, [&](UserCollection &collection) -> Result<OptionsPreset> {
        auto view = collection::ReadView::open(collection.path(), collection.clock());
        if (!view)
            return view.error();
        return deckoptions::forDeck(view->meta, deckId);
    });
}

Result<QList<OptionsPreset>> DeckOptionsService::presets(qint64 userId) const
{
    return m_access.read(userId, [&](UserCollection &collection) -> Result<QList<OptionsPreset>> {
        auto view = collection::ReadView::open(collection.path(), collection.clock());
        if (!view)
            return view.error();
        return deckoptions::presets(view->meta);
    });
}

Result<OptionsPreset> DeckOptionsService::update(qint64 userId, qint64 deckId,
    const scheduling::DeckConfig &config, const std::optional<QString> &name) const
{
    // Refused before the lock: a bad value never waits for the collection.
    if (auto valid = deckoptions::validate(config); !valid)
        return valid.error();
    return m_access.write(userId, [&](UserCollection &collection) {
        return collection.transact(
            [&](WriteContext &context) { return deckoptions::update(context, deckId, config, name); });
    });
}

Result<OptionsPreset> DeckOptionsService::updatePreset(qint64 userId, qint64 presetId,
    const scheduling::DeckConfig &config, const std::optional<QString> &name) const
{
    if (auto valid = deckoptions::validate(config); !valid)
        return valid.error();
    return m_access.write(userId, [&](UserCollection &collection) {
        return collection.transact([&](WriteContext &context) {
            return deckoptions::updatePreset(context, presetId, config, name);
        });
    });
}

Result<OptionsPreset> DeckOptionsService::updateFromJson(
    qint64 userId, qint64 deckId, const QJsonObject &body) const
{
    return m_access.write(userId, [&](UserCollection &collection) {
        return collection.transact([&](WriteContext &context) -> Result<OptionsPreset> {
            auto meta = context.meta();
            if (!meta)
                return meta.error();
            auto current = deckoptions::forDeck(*meta.value(), deckId);
            if (!current)
                return current.error();
            auto edit = deckoptions::fromJson(body, current->config);
            if (!edit)
                return edit.error();
            return deckoptions::update(context, deckId, edit->config, edit->name);
        });
    });
}

Result<OptionsPreset> DeckOptionsService::updatePresetFromJson(
    qint64 userId, qint64 presetId, const QJsonObject &body) const
{
    return m_access.write(userId, [&](UserCollection &collection) {
        return collection.transact([&](WriteContext &context) -> Result<OptionsPreset> {
            auto meta = context.meta();
            if (!meta)
                return meta.error();
            auto presets = deckoptions::presets(*meta.value());
            if (!presets)
                return presets.error();
            const auto current = std::find_if(presets->cbegin(), presets->cend(),
                [&](const OptionsPreset &preset) { return preset.id == presetId; });
            if (current == presets->cend())
                return collection::presetNotFound(presetId);
            auto edit = deckoptions::fromJson(body, current->config);
            if (!edit)
                return edit.error();
            return deckoptions::updatePreset(context, presetId, edit->config, edit->name);
        });
    });
}

Result<OptionsPreset> DeckOptionsService::assign(qint64 userId, qint64 deckId, qint64 presetId) const
{
    return m_access.write(userId, [&](UserCollection &collection) {
        return collection.transact(
            [&](WriteContext &context) { return deckoptions::assign(context, deckId, presetId); });
    });
}

Result<OptionsPreset> DeckOptionsService::addPreset(
    qint64 userId, qint64 deckId, const QString &name, const scheduling::DeckConfig &config) const
{
    return m_access.write(userId, [&](UserCollection &collection) {
        return collection.transact(
            [&](WriteContext &context) { return deckoptions::addPreset(context, deckId, name, config); });
    });
}

Result<void> DeckOptionsService::removePreset(qint64 userId, qint64 presetId) const
{
    return m_access.write(userId, [&](UserCollection &collection) {
        return collection.transact(
            [&](WriteContext &context) { return deckoptions::removePreset(context, presetId); });
    });
}

} // namespace javumbo
