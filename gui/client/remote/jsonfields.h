#pragma once

#include "common/result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <optional>
#include <type_traits>

namespace javumbo::gui {

// Reads the fields of one object of a server's answer. A field that is
// missing or of the wrong type reads as zero/empty and is remembered, so a
// reader reads everything, then asks check() once: a server that answers
// something else than docs/api.md says is an error, never a silent zero.
class JsonFields
{
public:
    // `what` names the object in the error ("card", "deck").
    JsonFields(const QJsonObject &object, QString what);

    qint64 integer(QStringView key);
    std::optional<qint64> optionalInteger(QStringView key); // absent or null: nothing
    double number(QStringView key);
    QString string(QStringView key);
    QStringList strings(QStringView key);
    QList<qint64> integers(QStringView key);
    QJsonObject object(QStringView key);
    QJsonArray array(QStringView key);

    // Internal naming the first missing or mistyped field.
    Result<void> check() const;

private:
    QJsonValue take(QStringView key, QJsonValue::Type type);

    QJsonObject m_object;
    QString m_what;
    QString m_bad; // the first field that was missing or mistyped
};

// The object of a JSON document, or Internal when it is none.
Result<QJsonObject> jsonObject(const QByteArray &body, const QString &what);
Result<QJsonArray> jsonArray(const QByteArray &body, const QString &what);

// Every object of `array` read by `reader`; the first error stops.
template<typename Reader>
auto readEach(const QJsonArray &array, Reader reader)
    -> Result<QList<std::decay_t<decltype(reader(QJsonObject()).value())>>>
{
    QList<std::decay_t<decltype(reader(QJsonObject()).value())>> items;
    for (const QJsonValue &item : array) {
        auto read = reader(item.toObject());
        if (!read)
            return read.error();
        items.append(std::move(read).value());
    }
    return items;
}

} // namespace javumbo::gui
