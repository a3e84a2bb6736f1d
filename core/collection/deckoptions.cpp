#include "deckoptions.h"

#include "collectionerrors.h"
#include "decktree.h"

#include <QJsonArray>

#include <cmath>

using namespace Qt::StringLiterals;

namespace javumbo::collection::deckoptions {

namespace {

// One bounded option: its API name, the label people know it by, and Anki's range.
struct Range
{
    const char16_t *field;
    const char16_t *label;
    double min;
    double max;
};

constexpr double kMaxStepMinutes = 36500.0 * 1440.0; // a hundred years, Anki's longest interval

Error outOfRange(const Range &range, const QString &shown)
{
    return makeError(ErrorCode::InvalidOptions,
        u"%1 (%2) must be from %3 to %4, not %5"_s.arg(QString::fromUtf16(range.field),
            QString::fromUtf16(range.label), QString::number(range.min), QString::number(range.max), shown));
}

Result<void> checkRange(const Range &range, double value)
{
    if (!std::isfinite(value) || value < range.min - 1e-6 || value > range.max + 1e-6)
        return outOfRange(range, QString::number(value));
    return {};
}

Result<void> checkSteps(const char16_t *field, const char16_t *label, const QList<float> &steps)
{
    for (float step : steps) {
        if (!std::isfinite(step) || step <= 0.0f || step > kMaxStepMinutes)
            return makeError(ErrorCode::InvalidOptions,
                u"%1 (%2): every step must be more than 0 minutes and at most 36500 days, not %3"_s.arg(
                    QString::fromUtf16(field), QString::fromUtf16(label), QString::number(step)));
    }
    return {};
}

// The keys of each section that Javumbo owns; every other key of a preset is Anki's and kept as it is.
const std::pair<QString, QStringList> kOwnedKeys[] = {
    {u"new"_s, {u"delays"_s, u"initialFactor"_s, u"perDay"_s}},
    {u"rev"_s, {u"perDay"_s, u"ease4"_s, u"ivlFct"_s, u"maxIvl"_s, u"hardFactor"_s}},
    {u"lapse"_s, {u"delays"_s, u"mult"_s, u"minInt"_s, u"leechFails"_s, u"leechAction"_s}},
};

// `existing` with the options of `config` written over it, stamped as a local change (Anki: usn -1).
QJsonObject merged(const QJsonObject &existing, qint64 id, const QString &name,
    const scheduling::DeckConfig &config, qint64 nowSeconds)
{
    const QJsonObject fresh = config.toDconfJson(id, name);
    if (existing.isEmpty())
        return fresh;
    QJsonObject result = existing;
    for (const auto &[section, keys] : kOwnedKeys) {
        QJsonObject target = result.value(section).toObject();
        const QJsonObject ours = fresh.value(section).toObject();
        for (const QString &key : keys)
            target.insert(key, ours.value(key));
        if (section == u"new"_s) {
            // new.ints = [graduating, easy, a third Anki no longer uses]: keep what was there.
            QJsonArray ints = target.value(u"ints"_s).toArray();
            while (ints.size() < 3)
                ints.append(0);
            ints[0] = config.graduatingInterval;
            ints[1] = config.easyInterval;
            target.insert(u"ints"_s, ints);
        }
        result.insert(section, target);
    }
    result.insert(u"id"_s, id);
    result.insert(u"name"_s, name);
    result.insert(u"maxTaken"_s, config.maxAnswerSeconds);
    result.insert(u"mod"_s, nowSeconds);
    result.insert(u"usn"_s, -1);
    return result;
}

QHash<qint64, int> deckCounts(const QJsonObject &decks)
{
    QHash<qint64, int> counts;
    for (auto it = decks.constBegin(); it != decks.constEnd(); ++it) {
        const QJsonObject deck = it.value().toObject();
        if (deck.value(u"dyn"_s).toInt() == 0)
            ++counts[deck.value(u"conf"_s).toVariant().toLongLong()];
    }
    return counts;
}

Result<OptionsPreset> presetFrom(const QJsonObject &dconf, qint64 id, const QJsonObject &decks)
{
    const QJsonObject stored = dconf.value(QString::number(id)).toObject();
    auto config = scheduling::DeckConfig::fromDconfJson(stored);
    if (!config)
        return config.error();
    OptionsPreset preset;
    preset.id = id;
    preset.name = stored.value(u"name"_s).toString(id == kDefaultPresetId ? u"Default"_s : QString());
    preset.config = config.value();
    preset.deckCount = deckCounts(decks).value(id);
    return preset;
}

qint64 presetIdOf(const QJsonObject &decks, qint64 deckId)
{
    const qint64 id
        = decks.value(QString::number(deckId)).toObject().value(u"conf"_s).toVariant().toLongLong();
    return id > 0 ? id : kDefaultPresetId;
}

// Points a deck at a preset: Anki's deck JSON keeps the id in `conf`.
void setDeckPreset(QJsonObject &decks, qint64 deckId, qint64 presetId, qint64 nowSeconds)
{
    QJsonObject deck = decks.value(QString::number(deckId)).toObject();
    deck.insert(u"conf"_s, presetId);
    deck.insert(u"mod"_s, nowSeconds);
    deck.insert(u"usn"_s, -1);
    decks.insert(QString::number(deckId), deck);
}

struct Editing
{
    CollectionMeta *meta = nullptr;
    QJsonObject *dconf = nullptr;
};

Result<Editing> beginEdit(WriteContext &context, std::optional<qint64> deckId)
{
    auto meta = context.meta();
    if (!meta)
        return meta.error();
    if (deckId && !DeckTree(meta.value()->decks()).contains(*deckId))
        return deckNotFound(*deckId);
    auto dconf = meta.value()->editDconf();
    if (!dconf)
        return dconf.error();
    return Editing {meta.value(), dconf.value()};
}

} // namespace

Result<void> validate(const scheduling::DeckConfig &config)
{
    const std::pair<Range, double> bounded[] = {
        {{u"new.perDay", u"new cards per day", 0, 9999}, double(config.newPerDay)},
        {{u"rev.perDay", u"maximum reviews per day", 0, 9999}, double(config.reviewsPerDay)},
        {{u"new.ints[0]", u"graduating interval in days", 1, 9999}, double(config.graduatingInterval)},
        {{u"new.ints[1]", u"easy interval in days", 1, 9999}, double(config.easyInterval)},
        {{u"new.initialFactor", u"starting ease in permille", 1310, 5000}, double(config.initialFactor)},
        {{u"rev.ease4", u"easy bonus", 1.0, 5.0}, config.easyBonus},
        {{u"rev.ivlFct", u"interval modifier", 0.5, 2.0}, config.intervalModifier},
        {{u"rev.hardFactor", u"hard interval", 0.5, 1.3}, config.hardFactor},
        {{u"rev.maxIvl", u"maximum interval in days", 1, 36500}, double(config.maximumInterval)},
        {{u"lapse.mult", u"new interval after a lapse", 0.0, 1.0}, config.lapseMultiplier},
        {{u"lapse.minInt", u"minimum interval in days", 1, 9999}, double(config.minimumInterval)},
        {{u"lapse.leechFails", u"leech threshold", 1, 9999}, double(config.leechThreshold)},
        {{u"lapse.leechAction", u"leech action: 0 suspend, 1 tag only", 0, 1}, double(config.leechAction)},
        {{u"maxTaken", u"maximum answer seconds", 1, 7200}, double(config.maxAnswerSeconds)},
    };
    if (auto steps = checkSteps(u"new.delays", u"learning steps", config.learnSteps); !steps)
        return steps;
    if (auto steps = checkSteps(u"lapse.delays", u"relearning steps", config.relearnSteps); !steps)
        return steps;
    for (const auto &[range, value] : bounded) {
        if (auto checked = checkRange(range, value); !checked)
            return checked;
    }
    return {};
}

Result<OptionsPreset> forDeck(const CollectionMeta &meta, qint64 deckId)
{
    if (!DeckTree(meta.decks()).contains(deckId))
        return deckNotFound(deckId);
    auto dconf = meta.dconf();
    if (!dconf)
        return dconf.error();
    qint64 id = presetIdOf(meta.decks(), deckId);
    if (!dconf->contains(QString::number(id)))
        id = kDefaultPresetId; // Anki too falls back to Default for a dangling conf
    return presetFrom(dconf.value(), id, meta.decks());
}

Result<QList<OptionsPreset>> presets(const CollectionMeta &meta)
{
    auto dconf = meta.dconf();
    if (!dconf)
        return dconf.error();
    QList<OptionsPreset> result;
    for (auto it = dconf->constBegin(); it != dconf->constEnd(); ++it) {
        auto preset = presetFrom(dconf.value(), it.key().toLongLong(), meta.decks());
        if (!preset)
            return preset.error();
        result.append(preset.value());
    }
    std::sort(result.begin(), result.end(), [](const OptionsPreset &a, const OptionsPreset &b) {
        return a.id == kDefaultPresetId
            || (b.id != kDefaultPresetId && a.name.compare(b.name, Qt::CaseInsensitive) < 0);
    });
    return result;
}

Result<OptionsPreset> update(WriteContext &context, qint64 deckId, const scheduling::DeckConfig &config,
    const std::optional<QString> &name)
{
    auto meta = context.meta();
    if (!meta)
        return meta.error();
    if (!DeckTree(meta.value()->decks()).contains(deckId))
        return deckNotFound(deckId);
    return updatePreset(context, presetIdOf(meta.value()->decks(), deckId), config, name);
}

Result<OptionsPreset> updatePreset(WriteContext &context, qint64 presetId,
    const scheduling::DeckConfig &config, const std::optional<QString> &name)
{
    if (auto valid = validate(config); !valid)
        return valid.error();
    auto editing = beginEdit(context, std::nullopt);
    if (!editing)
        return editing.error();
    QJsonObject &dconf = *editing->dconf;
    const QJsonObject existing = dconf.value(QString::number(presetId)).toObject();
    QString presetName = name.value_or(existing.value(u"name"_s).toString()).trimmed();
    if (presetName.isEmpty())
        presetName = presetId == kDefaultPresetId ? u"Default"_s : u"Preset %1"_s.arg(presetId);
    // A deck's dangling `conf` gets its preset made here, under the id it names.
    dconf.insert(
        QString::number(presetId), merged(existing, presetId, presetName, config, context.nowSeconds()));
    return presetFrom(dconf, presetId, editing->meta->decks());
}

Result<OptionsPreset> assign(WriteContext &context, qint64 deckId, qint64 presetId)
{
    auto editing = beginEdit(context, deckId);
    if (!editing)
        return editing.error();
    if (!editing->dconf->contains(QString::number(presetId)))
        return presetNotFound(presetId);
    setDeckPreset(editing->meta->editDecks(), deckId, presetId, context.nowSeconds());
    return presetFrom(*editing->dconf, presetId, editing->meta->decks());
}

Result<OptionsPreset> addPreset(
    WriteContext &context, qint64 deckId, const QString &name, const scheduling::DeckConfig &config)
{
    if (auto valid = validate(config); !valid)
        return valid.error();
    if (name.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidOptions, u"name: a preset needs a name"_s);
    auto editing = beginEdit(context, deckId);
    if (!editing)
        return editing.error();
    QJsonObject &dconf = *editing->dconf;
    qint64 id = context.nowMs(); // Anki's preset ids are creation times in ms
    while (dconf.contains(QString::number(id)))
        ++id;
    dconf.insert(QString::number(id), merged({}, id, name.trimmed(), config, context.nowSeconds()));
    setDeckPreset(editing->meta->editDecks(), deckId, id, context.nowSeconds());
    return presetFrom(dconf, id, editing->meta->decks());
}

Result<void> removePreset(WriteContext &context, qint64 presetId)
{
    if (presetId == kDefaultPresetId)
        return makeError(ErrorCode::InvalidOptions, u"the Default options preset cannot be removed"_s);
    auto editing = beginEdit(context, std::nullopt);
    if (!editing)
        return editing.error();
    if (!editing->dconf->contains(QString::number(presetId)))
        return presetNotFound(presetId);
    editing->dconf->remove(QString::number(presetId));
    QJsonObject &decks = editing->meta->editDecks();
    for (const QString &key : decks.keys()) {
        if (presetIdOf(decks, key.toLongLong()) == presetId)
            setDeckPreset(decks, key.toLongLong(), kDefaultPresetId, context.nowSeconds());
    }
    return {};
}

} // namespace javumbo::collection::deckoptions
