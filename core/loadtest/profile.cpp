#include "profile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <cmath>

using namespace Qt::StringLiterals;

namespace javumbo::loadtest {

namespace {

// One list of fields serves both directions, so the JSON names cannot drift
// between what a profile file may set and what a report writes back.
template<typename Visitor>
void visitFields(LoadProfile &p, Visitor &v)
{
    v.field(u"name"_s, p.name);
    v.field(u"seed"_s, p.seed);
    v.field(u"users"_s, p.users);
    v.field(u"duration_s"_s, p.durationS);
    v.field(u"registration_window_s"_s, p.registrationWindowS);
    v.field(u"model"_s, p.model);
    v.field(u"open_rate"_s, p.openRate);
    v.field(u"drop_after_ms"_s, p.dropAfterMs);
    v.field(u"client_timeout_ms"_s, p.clientTimeoutMs);
    v.field(u"identity_check_every"_s, p.identityCheckEvery);
    v.group(u"writers"_s, [&] {
        v.field(u"share"_s, p.writers.share);
        v.field(u"ramp"_s, p.writers.ramp);
        v.field(u"stage_s"_s, p.writers.stageS);
        v.field(u"cards"_s, p.writers.cards);
        v.field(u"think_ms"_s, p.writers.thinkMs);
    });
    v.group(u"reviewers"_s, [&] {
        v.field(u"start"_s, p.reviewers.start);
        v.field(u"step"_s, p.reviewers.step);
        v.field(u"step_s"_s, p.reviewers.stepS);
        v.field(u"reviews"_s, p.reviewers.reviews);
        v.field(u"think_ms"_s, p.reviewers.thinkMs);
        v.field(u"deck_cards"_s, p.reviewers.deckCards);
    });
    v.group(u"sessions"_s, [&] {
        v.field(u"workers"_s, p.sessions.workers);
        v.field(u"cycles"_s, p.sessions.cycles);
        v.field(u"cards_per_cycle"_s, p.sessions.cardsPerCycle);
        v.field(u"think_ms"_s, p.sessions.thinkMs);
    });
    v.group(u"hot_user"_s, [&] {
        v.field(u"clients"_s, p.hotUser.clients);
        v.field(u"cards_per_client"_s, p.hotUser.cardsPerClient);
        v.field(u"answers_per_client"_s, p.hotUser.answersPerClient);
    });
    v.group(u"retries"_s, [&] {
        v.field(u"workers"_s, p.retries.workers);
        v.field(u"cards"_s, p.retries.cards);
        v.field(u"max_attempts"_s, p.retries.maxAttempts);
    });
}

QString modeName(LoadProfile::Model model)
{
    return model == LoadProfile::Model::Open ? u"open"_s : u"closed"_s;
}

class Writer
{
public:
    QJsonObject result;

    template<typename Group>
    void group(const QString &key, Group &&fields)
    {
        QJsonObject outer = std::exchange(m_current, {});
        fields();
        outer.insert(key, m_current);
        m_current = std::move(outer);
    }
    void field(const QString &key, const QString &value) { m_current.insert(key, value); }
    void field(const QString &key, quint64 value) { m_current.insert(key, qint64(value)); }
    void field(const QString &key, int value) { m_current.insert(key, value); }
    void field(const QString &key, double value) { m_current.insert(key, value); }
    void field(const QString &key, LoadProfile::Model value) { m_current.insert(key, modeName(value)); }
    void field(const QString &key, const IntRange &value)
    {
        m_current.insert(key, QJsonArray {value.min, value.max});
    }
    void field(const QString &key, const QList<int> &value)
    {
        QJsonArray array;
        for (int stage : value)
            array.append(stage);
        m_current.insert(key, array);
    }
    QJsonObject finish() { return m_current; }

private:
    QJsonObject m_current;
};

class Reader
{
public:
    explicit Reader(QJsonObject object) : m_current(std::move(object)) { }
    QString error;

    template<typename Group>
    void group(const QString &key, Group &&fields)
    {
        m_seen.insert(key);
        if (!m_current.contains(key))
            return;
        if (!m_current.value(key).isObject())
            return fail(key, u"an object"_s);
        Reader inner(m_current.value(key).toObject());
        inner.m_prefix = m_prefix + key + u'.';
        std::swap(*this, inner);
        fields();
        checkUnknownKeys();
        std::swap(*this, inner);
        if (error.isEmpty())
            error = inner.error;
    }
    void field(const QString &key, QString &value)
    {
        if (const QJsonValue v = take(key); !v.isUndefined())
            v.isString() ? void(value = v.toString()) : fail(key, u"a string"_s);
    }
    void field(const QString &key, quint64 &value)
    {
        if (const QJsonValue v = take(key); !v.isUndefined())
            isWhole(v, 0) ? void(value = quint64(v.toInteger())) : fail(key, u"a whole number ≥ 0"_s);
    }
    void field(const QString &key, int &value)
    {
        if (const QJsonValue v = take(key); !v.isUndefined())
            isWhole(v, 0) ? void(value = int(v.toInteger())) : fail(key, u"a whole number ≥ 0"_s);
    }
    void field(const QString &key, double &value)
    {
        if (const QJsonValue v = take(key); !v.isUndefined())
            v.isDouble() && v.toDouble() >= 0 ? void(value = v.toDouble()) : fail(key, u"a number ≥ 0"_s);
    }
    void field(const QString &key, LoadProfile::Model &value)
    {
        const QJsonValue v = take(key);
        if (v.isUndefined())
            return;
        if (v == QJsonValue(u"open"_s))
            value = LoadProfile::Model::Open;
        else if (v == QJsonValue(u"closed"_s))
            value = LoadProfile::Model::Closed;
        else
            fail(key, u"\"open\" or \"closed\""_s);
    }
    void field(const QString &key, IntRange &value)
    {
        const QJsonValue v = take(key);
        if (v.isUndefined())
            return;
        const QJsonArray pair = v.toArray();
        if (!v.isArray() || pair.size() != 2 || !isWhole(pair[0], 0)
            || !isWhole(pair[1], pair[0].toInteger()))
            return fail(key, u"[min, max] whole numbers with 0 ≤ min ≤ max"_s);
        value = IntRange {int(pair[0].toInteger()), int(pair[1].toInteger())};
    }
    void field(const QString &key, QList<int> &value)
    {
        const QJsonValue v = take(key);
        if (v.isUndefined())
            return;
        QList<int> stages;
        for (const QJsonValue stage : v.toArray()) {
            if (!isWhole(stage, 0))
                return fail(key, u"a list of whole numbers"_s);
            stages.append(int(stage.toInteger()));
        }
        if (!v.isArray() || stages.isEmpty())
            return fail(key, u"a non-empty list of whole numbers"_s);
        value = stages;
    }
    void checkUnknownKeys()
    {
        for (const QString &key : m_current.keys()) {
            if (!m_seen.contains(key) && error.isEmpty())
                error = u"unknown profile key \"%1%2\""_s.arg(m_prefix, key);
        }
    }

private:
    static bool isWhole(const QJsonValue &v, qint64 minimum)
    {
        return v.isDouble() && v.toDouble() == std::floor(v.toDouble()) && v.toDouble() >= double(minimum)
            && v.toDouble() < 1e15;
    }
    QJsonValue take(const QString &key)
    {
        m_seen.insert(key);
        return m_current.value(key);
    }
    void fail(const QString &key, const QString &expected)
    {
        if (error.isEmpty())
            error = u"profile key \"%1%2\" must be %3"_s.arg(m_prefix, key, expected);
    }

    QJsonObject m_current;
    QString m_prefix;
    QSet<QString> m_seen;
};

} // namespace

int LoadProfile::writerCount() const
{
    return std::clamp(int(std::lround(users * writers.share)), 0, users);
}

int LoadProfile::reviewerCount() const
{
    return users - writerCount();
}

QJsonObject LoadProfile::toJson() const
{
    Writer writer;
    LoadProfile copy = *this;
    visitFields(copy, writer);
    return writer.finish();
}

Result<LoadProfile> LoadProfile::fromJson(const QJsonObject &object)
{
    LoadProfile profile;
    Reader reader(object);
    visitFields(profile, reader);
    reader.checkUnknownKeys();
    if (!reader.error.isEmpty())
        return makeError(ErrorCode::BadRequest, reader.error);
    if (profile.users < 1)
        return makeError(ErrorCode::BadRequest, u"profile key \"users\" must be at least 1"_s);
    if (profile.writers.share > 1)
        return makeError(ErrorCode::BadRequest, u"profile key \"writers.share\" must be between 0 and 1"_s);
    return profile;
}

Result<LoadProfile> LoadProfile::fromFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(
            ErrorCode::NotFound, u"cannot read the profile %1: %2"_s.arg(path, file.errorString()));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject()) {
        return makeError(ErrorCode::InvalidJson,
            u"the profile %1 is not a JSON object: %2"_s.arg(path, parseError.errorString()));
    }
    return fromJson(document.object());
}

LoadProfile LoadProfile::quick()
{
    LoadProfile profile;
    profile.name = u"quick"_s;
    profile.users = 6;
    // An upper bound only (a quick run takes seconds): generous, so that a slow
    // machine (sanitizers, a busy CI) still runs every scenario instead of being cut short.
    profile.durationS = 600;
    profile.registrationWindowS = 1;
    profile.identityCheckEvery = 3;
    profile.writers = {0.34, {1, 2}, 1, {8, 12}, {0, 20}};
    profile.reviewers = {2, 2, 1, {8, 12}, {0, 20}, 20};
    profile.sessions = {1, 2, {1, 2}, {0, 20}};
    profile.hotUser = {4, 8, 6};
    profile.retries = {1, 6, 3};
    return profile;
}

} // namespace javumbo::loadtest
