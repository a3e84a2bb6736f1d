#include "deckoptionsjson.h"

#include <QJsonArray>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace javumbo::collection::deckoptions {

namespace {

// Reads the fields of a body and keeps the first problem, naming the field.
class BodyReader
{
public:
    explicit BodyReader(const QJsonObject &root) : m_root(root) { }

    QJsonObject section(const QString &name)
    {
        const QJsonValue value = m_root.value(name);
        if (!value.isObject())
            fail(name, value.isUndefined() ? u"is missing"_s : u"must be an object"_s);
        return value.toObject();
    }

    void number(const QJsonObject &section, const QString &path, const QString &key, float &target)
    {
        const QJsonValue value = present(section, path, key);
        if (value.isUndefined())
            return;
        if (!value.isDouble())
            return fail(path + u'.' + key, u"must be a number"_s);
        target = float(value.toDouble());
    }

    void whole(const QJsonObject &section, const QString &path, const QString &key, int &target)
    {
        const QJsonValue value = present(section, path, key);
        if (!value.isUndefined())
            wholeValue(value, path.isEmpty() ? key : path + u'.' + key, target);
    }

    void wholeValue(const QJsonValue &value, const QString &field, int &target)
    {
        const double number = value.toDouble(std::numeric_limits<double>::quiet_NaN());
        if (!value.isDouble() || std::trunc(number) != number || std::abs(number) > 1e9)
            return fail(field, u"must be a whole number"_s);
        target = int(number);
    }

    void steps(const QJsonObject &section, const QString &path, QList<float> &target)
    {
        const QJsonValue value = present(section, path, u"delays"_s);
        if (value.isUndefined())
            return;
        if (!value.isArray())
            return fail(path + u".delays"_s, u"must be an array of minutes"_s);
        QList<float> minutes;
        for (const QJsonValue &step : value.toArray()) {
            if (!step.isDouble())
                return fail(path + u".delays"_s, u"must be an array of minutes"_s);
            minutes.append(float(step.toDouble()));
        }
        target = minutes;
    }

    void ints(const QJsonObject &section, int &graduating, int &easy)
    {
        const QJsonValue value = present(section, u"new"_s, u"ints"_s);
        if (value.isUndefined())
            return;
        const QJsonArray array = value.toArray();
        if (!value.isArray() || array.size() < 2 || array.size() > 3)
            return fail(u"new.ints"_s, u"must be [graduating days, easy days]"_s);
        wholeValue(array.at(0), u"new.ints[0]"_s, graduating);
        wholeValue(array.at(1), u"new.ints[1]"_s, easy);
    }

    const std::optional<Error> &error() const { return m_error; }

private:
    QJsonValue present(const QJsonObject &section, const QString &path, const QString &key)
    {
        const QJsonValue value = section.value(key);
        if (value.isUndefined() && !(path.isEmpty() && key == u"maxTaken"_s))
            fail(path + u'.' + key, u"is missing (every option is required)"_s);
        return value;
    }
    void fail(const QString &field, const QString &problem)
    {
        if (!m_error)
            m_error = makeError(ErrorCode::InvalidOptions, field % u' ' % problem);
    }

    const QJsonObject &m_root;
    std::optional<Error> m_error;
};

} // namespace

QJsonObject toJson(const OptionsPreset &preset)
{
    // The same numbers a preset stores (DeckConfig::toDconfJson writes floats as Anki does).
    const QJsonObject stored = preset.config.toDconfJson(preset.id, preset.name);
    const QJsonObject newSection = stored.value(u"new"_s).toObject();
    const QJsonObject revSection = stored.value(u"rev"_s).toObject();
    const QJsonObject lapseSection = stored.value(u"lapse"_s).toObject();
    auto pick = [](const QJsonObject &from, const QStringList &keys) {
        QJsonObject picked;
        for (const QString &key : keys)
            picked.insert(key, from.value(key));
        return picked;
    };
    QJsonObject newPart = pick(newSection, {u"perDay"_s, u"delays"_s, u"initialFactor"_s});
    newPart.insert(u"ints"_s, QJsonArray {preset.config.graduatingInterval, preset.config.easyInterval});
    return QJsonObject {
        {u"id"_s, preset.id},
        {u"name"_s, preset.name},
        {u"new"_s, newPart},
        {u"rev"_s, pick(revSection, {u"perDay"_s, u"ease4"_s, u"ivlFct"_s, u"maxIvl"_s, u"hardFactor"_s})},
        {u"lapse"_s,
            pick(lapseSection, {u"delays"_s, u"mult"_s, u"minInt"_s, u"leechFails"_s, u"leechAction"_s})},
        {u"maxTaken"_s, preset.config.maxAnswerSeconds},
    };
}

Result<OptionsEdit> fromJson(const QJsonObject &json, const scheduling::DeckConfig &current)
{
    OptionsEdit edit {current, std::nullopt};
    scheduling::DeckConfig &config = edit.config;
    BodyReader reader(json);
    const QJsonObject newSection = reader.section(u"new"_s);
    const QJsonObject revSection = reader.section(u"rev"_s);
    const QJsonObject lapseSection = reader.section(u"lapse"_s);
    if (reader.error())
        return *reader.error();
    reader.whole(newSection, u"new"_s, u"perDay"_s, config.newPerDay);
    reader.steps(newSection, u"new"_s, config.learnSteps);
    reader.ints(newSection, config.graduatingInterval, config.easyInterval);
    reader.whole(newSection, u"new"_s, u"initialFactor"_s, config.initialFactor);
    reader.whole(revSection, u"rev"_s, u"perDay"_s, config.reviewsPerDay);
    reader.number(revSection, u"rev"_s, u"ease4"_s, config.easyBonus);
    reader.number(revSection, u"rev"_s, u"ivlFct"_s, config.intervalModifier);
    reader.whole(revSection, u"rev"_s, u"maxIvl"_s, config.maximumInterval);
    reader.number(revSection, u"rev"_s, u"hardFactor"_s, config.hardFactor);
    reader.steps(lapseSection, u"lapse"_s, config.relearnSteps);
    reader.number(lapseSection, u"lapse"_s, u"mult"_s, config.lapseMultiplier);
    reader.whole(lapseSection, u"lapse"_s, u"minInt"_s, config.minimumInterval);
    reader.whole(lapseSection, u"lapse"_s, u"leechFails"_s, config.leechThreshold);
    reader.whole(lapseSection, u"lapse"_s, u"leechAction"_s, config.leechAction);
    reader.whole(json, QString(), u"maxTaken"_s, config.maxAnswerSeconds);
    if (reader.error())
        return *reader.error();
    const QJsonValue name = json.value(u"name"_s);
    if (!name.isUndefined() && !name.isString())
        return makeError(ErrorCode::InvalidOptions, u"name must be a string"_s);
    if (name.isString() && !name.toString().trimmed().isEmpty())
        edit.name = name.toString().trimmed().left(200);
    if (auto valid = validate(config); !valid)
        return valid.error();
    return edit;
}

} // namespace javumbo::collection::deckoptions
