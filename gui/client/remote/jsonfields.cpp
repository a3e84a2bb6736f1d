#include "jsonfields.h"

#include <QJsonDocument>

#include <cmath>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

JsonFields::JsonFields(const QJsonObject &object, QString what)
    : m_object(object), m_what(std::move(what)) { }

QJsonValue JsonFields::take(QStringView key, QJsonValue::Type type)
{
    const QJsonValue value = m_object.value(key);
    if (value.type() != type && m_bad.isEmpty())
        m_bad = key.toString();
    return value.type() == type ? value : QJsonValue();
}

qint64 JsonFields::integer(QStringView key)
{
    const double value = take(key, QJsonValue::Double).toDouble();
    if (value != std::floor(value) && m_bad.isEmpty())
        m_bad = key.toString();
    return qint64(value);
}

std::optional<qint64> JsonFields::optionalInteger(QStringView key)
{
    const QJsonValue value = m_object.value(key);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    return integer(key);
}

double JsonFields::number(QStringView key)
{
    return take(key, QJsonValue::Double).toDouble();
}

QString JsonFields::string(QStringView key)
{
    return take(key, QJsonValue::String).toString();
}

QStringList JsonFields::strings(QStringView key)
{
    QStringList result;
    for (const QJsonValue &item : take(key, QJsonValue::Array).toArray()) {
        if (!item.isString() && m_bad.isEmpty())
            m_bad = key.toString();
        result.append(item.toString());
    }
    return result;
}

QList<qint64> JsonFields::integers(QStringView key)
{
    QList<qint64> result;
    for (const QJsonValue &item : take(key, QJsonValue::Array).toArray()) {
        if (!item.isDouble() && m_bad.isEmpty())
            m_bad = key.toString();
        result.append(qint64(item.toDouble()));
    }
    return result;
}

QJsonObject JsonFields::object(QStringView key)
{
    return take(key, QJsonValue::Object).toObject();
}

QJsonArray JsonFields::array(QStringView key)
{
    return take(key, QJsonValue::Array).toArray();
}

Result<void> JsonFields::check() const
{
    if (m_bad.isEmpty())
        return {};
    return makeError(ErrorCode::Internal,
        u"the server answered a %1 without a valid \"%2\" (docs/api.md); is it a Javumbo server of this version?"_s
            .arg(m_what, m_bad));
}

Result<QJsonObject> jsonObject(const QByteArray &body, const QString &what)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject())
        return makeError(ErrorCode::Internal, u"the server's answer is not a JSON %1"_s.arg(what));
    return document.object();
}

Result<QJsonArray> jsonArray(const QByteArray &body, const QString &what)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isArray())
        return makeError(ErrorCode::Internal, u"the server's answer is not a JSON list of %1"_s.arg(what));
    return document.array();
}

} // namespace javumbo::gui
