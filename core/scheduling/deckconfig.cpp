#include "deckconfig.h"

#include <QJsonArray>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace javumbo::scheduling {

namespace {

// Reads typed values out of nested dconf objects and remembers the first
// problem, so the caller validates once at the end instead of after every key.
class DconfReader
{
public:
    QJsonObject section(const QJsonObject &root, const QString &key)
    {
        const QJsonValue value = root.value(key);
        if (value.isUndefined())
            return {};
        if (!value.isObject())
            fail(key + u" must be an object"_s);
        return value.toObject();
    }

    void readFloat(const QJsonObject &object, const QString &path, const QString &key, float &target)
    {
        const QJsonValue value = object.value(key);
        if (value.isUndefined())
            return;
        if (!value.isDouble()) {
            fail(name(path, key) + u" must be a number"_s);
            return;
        }
        target = float(value.toDouble());
    }

    void readInt(const QJsonObject &object, const QString &path, const QString &key, int &target)
    {
        readIntValue(object.value(key), name(path, key), target);
    }

    void readIntValue(const QJsonValue &value, const QString &label, int &target)
    {
        if (value.isUndefined())
            return;
        const double number = value.toDouble(std::numeric_limits<double>::quiet_NaN());
        if (!value.isDouble() || std::trunc(number) != number || number < std::numeric_limits<int>::min()
            || number > std::numeric_limits<int>::max()) {
            fail(label + u" must be a whole number"_s);
            return;
        }
        target = int(number);
    }

    void readSteps(const QJsonObject &object, const QString &path, QList<float> &target)
    {
        const QJsonValue value = object.value(u"delays"_s);
        if (value.isUndefined())
            return;
        if (!value.isArray()) {
            fail(name(path, u"delays"_s) + u" must be an array of minutes"_s);
            return;
        }
        QList<float> steps;
        for (const QJsonValue &step : value.toArray()) {
            if (!step.isDouble()) {
                fail(name(path, u"delays"_s) + u" must be an array of minutes"_s);
                return;
            }
            steps.append(float(step.toDouble()));
        }
        target = steps;
    }

    void check(bool condition, const QString &message)
    {
        if (!condition)
            fail(message);
    }

    const QString &error() const { return m_error; }

private:
    static QString name(const QString &path, const QString &key)
    {
        return path.isEmpty() ? key : path + u'.' + key;
    }
    void fail(const QString &message)
    {
        if (m_error.isEmpty())
            m_error = message;
    }

    QString m_error;
};

bool stepsArePositive(const QList<float> &steps)
{
    return std::all_of(
        steps.begin(), steps.end(), [](float step) { return std::isfinite(step) && step > 0.0f; });
}

bool isPositive(float value)
{
    return std::isfinite(value) && value > 0.0f;
}

// The shortest decimal that reads back as the same float, so 1.3f is stored as
// 1.3 (as Anki writes it) rather than 1.2999999523162842.
double jsonNumber(float value)
{
    char buffer[32];
    const auto written = std::to_chars(buffer, buffer + sizeof buffer, value);
    double result = value;
    std::from_chars(buffer, written.ptr, result);
    return result;
}

QJsonArray stepsJson(const QList<float> &steps)
{
    QJsonArray array;
    for (float step : steps)
        array.append(jsonNumber(step));
    return array;
}

} // namespace

Result<DeckConfig> DeckConfig::fromDconfJson(const QJsonObject &json)
{
    DeckConfig config;
    DconfReader reader;

    const QJsonObject newSection = reader.section(json, u"new"_s);
    reader.readSteps(newSection, u"new"_s, config.learnSteps);
    const QJsonValue ints = newSection.value(u"ints"_s);
    if (!ints.isUndefined() && !ints.isArray())
        reader.check(false, u"new.ints must be an array"_s);
    const QJsonArray intsArray = ints.toArray();
    if (!intsArray.isEmpty())
        reader.readIntValue(intsArray.at(0), u"new.ints[0]"_s, config.graduatingInterval);
    if (intsArray.size() > 1)
        reader.readIntValue(intsArray.at(1), u"new.ints[1]"_s, config.easyInterval);
    reader.readInt(newSection, u"new"_s, u"initialFactor"_s, config.initialFactor);
    reader.readInt(newSection, u"new"_s, u"perDay"_s, config.newPerDay);

    const QJsonObject revSection = reader.section(json, u"rev"_s);
    reader.readInt(revSection, u"rev"_s, u"perDay"_s, config.reviewsPerDay);
    reader.readFloat(revSection, u"rev"_s, u"ease4"_s, config.easyBonus);
    reader.readFloat(revSection, u"rev"_s, u"ivlFct"_s, config.intervalModifier);
    reader.readFloat(revSection, u"rev"_s, u"hardFactor"_s, config.hardFactor);
    reader.readInt(revSection, u"rev"_s, u"maxIvl"_s, config.maximumInterval);

    const QJsonObject lapseSection = reader.section(json, u"lapse"_s);
    reader.readSteps(lapseSection, u"lapse"_s, config.relearnSteps);
    reader.readFloat(lapseSection, u"lapse"_s, u"mult"_s, config.lapseMultiplier);
    reader.readInt(lapseSection, u"lapse"_s, u"minInt"_s, config.minimumInterval);
    reader.readInt(lapseSection, u"lapse"_s, u"leechFails"_s, config.leechThreshold);
    reader.readInt(lapseSection, u"lapse"_s, u"leechAction"_s, config.leechAction);

    reader.readInt(json, QString(), u"maxTaken"_s, config.maxAnswerSeconds);

    reader.check(stepsArePositive(config.learnSteps), u"new.delays: every step must be greater than 0"_s);
    reader.check(stepsArePositive(config.relearnSteps), u"lapse.delays: every step must be greater than 0"_s);
    reader.check(config.initialFactor > 0, u"new.initialFactor must be greater than 0"_s);
    reader.check(isPositive(config.easyBonus), u"rev.ease4 must be greater than 0"_s);
    reader.check(isPositive(config.intervalModifier), u"rev.ivlFct must be greater than 0"_s);
    reader.check(isPositive(config.hardFactor), u"rev.hardFactor must be greater than 0"_s);
    // Anki's default lapse multiplier is 0 (a lapse restarts at minInt), so 0 is valid here.
    reader.check(std::isfinite(config.lapseMultiplier) && config.lapseMultiplier >= 0.0f,
        u"lapse.mult must not be negative"_s);
    reader.check(config.maximumInterval >= 1, u"rev.maxIvl must be at least 1"_s);
    reader.check(
        config.graduatingInterval >= 0 && config.easyInterval >= 0, u"new.ints must not be negative"_s);
    reader.check(config.newPerDay >= 0 && config.reviewsPerDay >= 0, u"perDay must not be negative"_s);
    reader.check(config.minimumInterval >= 0, u"lapse.minInt must not be negative"_s);
    reader.check(config.leechThreshold >= 0, u"lapse.leechFails must not be negative"_s);
    reader.check(config.leechAction == 0 || config.leechAction == 1, u"lapse.leechAction must be 0 or 1"_s);
    reader.check(config.maxAnswerSeconds > 0, u"maxTaken must be greater than 0"_s);

    if (!reader.error().isEmpty())
        return makeError(ErrorCode::BadRequest, reader.error());
    return config;
}

QJsonObject DeckConfig::toDconfJson(qint64 id, const QString &name) const
{
    const QJsonObject newSection {
        {u"delays"_s, stepsJson(learnSteps)},
        {u"ints"_s, QJsonArray {graduatingInterval, easyInterval, 0}},
        {u"initialFactor"_s, initialFactor},
        {u"order"_s, 1},
        {u"perDay"_s, newPerDay},
        {u"bury"_s, false},
    };
    const QJsonObject revSection {
        {u"perDay"_s, reviewsPerDay},
        {u"ease4"_s, jsonNumber(easyBonus)},
        {u"ivlFct"_s, jsonNumber(intervalModifier)},
        {u"maxIvl"_s, maximumInterval},
        {u"hardFactor"_s, jsonNumber(hardFactor)},
        {u"bury"_s, false},
    };
    const QJsonObject lapseSection {
        {u"delays"_s, stepsJson(relearnSteps)},
        {u"mult"_s, jsonNumber(lapseMultiplier)},
        {u"minInt"_s, minimumInterval},
        {u"leechFails"_s, leechThreshold},
        {u"leechAction"_s, leechAction},
    };
    return QJsonObject {
        {u"id"_s, id},
        {u"name"_s, name},
        {u"mod"_s, 0},
        {u"usn"_s, 0},
        {u"maxTaken"_s, maxAnswerSeconds},
        {u"autoplay"_s, true},
        {u"timer"_s, 0},
        {u"replayq"_s, true},
        {u"dyn"_s, false},
        {u"new"_s, newSection},
        {u"rev"_s, revSection},
        {u"lapse"_s, lapseSection},
    };
}

} // namespace javumbo::scheduling
