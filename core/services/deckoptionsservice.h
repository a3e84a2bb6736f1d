#pragma once

#include "collection/deckoptions.h"
#include "collectionaccess.h"

#include <QJsonObject>

namespace javumbo {

// Deck options for one user (docs/scheduling.md §2): reads unlocked, every
// change under the user's lock. The desktop app and GET/PUT
// /decks/{id}/options both come here, so both validate alike.
class DeckOptionsService
{
public:
    explicit DeckOptionsService(const ServiceContext &context);

    Result<collection::OptionsPreset> forDeck(qint64 userId, qint64 deckId) const;
    Result<QList<collection::OptionsPreset>> presets(qint64 userId) const;
    // The preset the deck uses takes `config` (and `name` when given); every deck sharing it follows.
    Result<collection::OptionsPreset> update(qint64 userId, qint64 deckId,
        const scheduling::DeckConfig &config, const std::optional<QString> &name = std::nullopt) const;
    Result<collection::OptionsPreset> updatePreset(qint64 userId, qint64 presetId,
        const scheduling::DeckConfig &config, const std::optional<QString> &name = std::nullopt) const;
    // A PUT body (deckoptionsjson.h), read against the preset as it is inside the same lock.
    Result<collection::OptionsPreset> updateFromJson(
        qint64 userId, qint64 deckId, const QJsonObject &body) const;
    // The same for a preset named by its id (PUT /option-presets/{id}); PresetNotFound for an unknown one.
    Result<collection::OptionsPreset> updatePresetFromJson(
        qint64 userId, qint64 presetId, const QJsonObject &body) const;
    Result<collection::OptionsPreset> assign(qint64 userId, qint64 deckId, qint64 presetId) const;
    Result<collection::OptionsPreset> addPreset(
        qint64 userId, qint64 deckId, const QString &name, const scheduling::DeckConfig &config) const;
    Result<void> removePreset(qint64 userId, qint64 presetId) const;

private:
    CollectionAccess m_access;
};

} // namespace javumbo
