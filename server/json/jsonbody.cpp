#include "jsonbody.h"

#include "json/strictjson.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

using namespace Qt::StringLiterals;

namespace javumbo::server {

namespace {

// Integers survive a double exactly up to 2^53; JSON ids are never larger.
constexpr double kMaxExactInteger = 9007199254740992.0;

Error badField(const QString &key, const QString &problem)
{
    return makeError(ErrorCode::BadRequest, u"field \"%1\" %2"_s.arg(key, problem));
}

} // namespace

Result<JsonBody> JsonBody::parse(const QByteArray &bytes)
{
    // Strict first: QJsonDocument accepts what RFC 8259 does not, and keeps what is not Unicode.
    if (const std::optional<JsonSyntaxError> syntax = checkJsonSyntax(bytes))
        return makeError(ErrorCode::InvalidJson, u"malformed JSON: "_s + syntax->message);
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        return makeError(ErrorCode::InvalidJson,
            u"malformed JSON at offset %1: %2"_s.arg(error.offset).arg(error.errorString()));
    if (!document.isObject())
        return makeError(ErrorCode::BadRequest, u"the body must be a JSON object"_s);
    return JsonBody(document.object());
}

JsonBody::JsonBody(QJsonObject object) : m_object(std::move(object)) { }

Result<std::optional<QString>> JsonBody::optionalString(const QString &key, int maxLength) const
{
    const QJsonValue value = m_object.value(key);
    if (value.isUndefined() || value.isNull())
        return std::optional<QString> {};
    if (!value.isString())
        return badField(key, u"must be a string"_s);
    const QString text = value.toString();
    if (text.size() > maxLength)
        return badField(key, u"is longer than %1 characters"_s.arg(maxLength));
    return std::optional<QString> {text};
}

Result<QString> JsonBody::requiredString(const QString &key, int maxLength) const
{
    auto value = optionalString(key, maxLength);
    if (!value)
        return value.error();
    if (!value.value())
        return badField(key, u"is required"_s);
    return *value.value();
}

Result<std::optional<qint64>> JsonBody::optionalInteger(const QString &key) const
{
    const QJsonValue value = m_object.value(key);
    if (value.isUndefined() || value.isNull())
        return std::optional<qint64> {};
    if (!value.isDouble())
        return badField(key, u"must be an integer"_s);
    const double number = value.toDouble();
    if (std::trunc(number) != number || std::fabs(number) > kMaxExactInteger)
        return badField(key, u"must be an integer"_s);
    return std::optional<qint64> {qint64(number)};
}

Result<qint64> JsonBody::requiredInteger(const QString &key) const
{
    auto value = optionalInteger(key);
    if (!value)
        return value.error();
    if (!value.value())
        return badField(key, u"is required"_s);
    return *value.value();
}

Result<bool> JsonBody::requiredBool(const QString &key) const
{
    const QJsonValue value = m_object.value(key);
    if (value.isUndefined() || value.isNull())
        return badField(key, u"is required"_s);
    if (!value.isBool())
        return badField(key, u"must be true or false"_s);
    return value.toBool();
}

Result<std::optional<QStringList>> JsonBody::optionalStringList(
    const QString &key, int maxItems, int maxLength) const
{
    const QJsonValue value = m_object.value(key);
    if (value.isUndefined() || value.isNull())
        return std::optional<QStringList> {};
    if (!value.isArray())
        return badField(key, u"must be an array of strings"_s);
    const QJsonArray array = value.toArray();
    if (array.size() > maxItems)
        return badField(key, u"has more than %1 items"_s.arg(maxItems));
    QStringList items;
    for (const QJsonValue &item : array) {
        if (!item.isString())
            return badField(key, u"must be an array of strings"_s);
        if (item.toString().size() > maxLength)
            return badField(key, u"has an item longer than %1 characters"_s.arg(maxLength));
        items.append(item.toString());
    }
    return std::optional<QStringList> {items};
}

Result<QList<qint64>> JsonBody::requiredIdList(const QString &key, int maxItems) const
{
    const QJsonValue value = m_object.value(key);
    if (value.isUndefined() || value.isNull())
        return badField(key, u"is required"_s);
    if (!value.isArray())
        return badField(key, u"must be an array of ids"_s);
    const QJsonArray array = value.toArray();
    if (array.size() > maxItems)
        return badField(key, u"has more than %1 items"_s.arg(maxItems));
    QList<qint64> ids;
    ids.reserve(array.size());
    for (const QJsonValue &item : array) {
        const double number = item.toDouble(0);
        if (!item.isDouble() || std::trunc(number) != number || number < 1 || number > kMaxExactInteger)
            return badField(key, u"must be an array of positive integers"_s);
        ids.append(qint64(number));
    }
    return ids;
}

} // namespace javumbo::server
