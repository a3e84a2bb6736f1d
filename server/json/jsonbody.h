#pragma once

#include "common/result.h"

#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace javumbo::server {

// Typed, validated access to a JSON request body: a wrong type, a missing
// required field or an out-of-range number is a clear bad_request naming the
// field, never a silent default.
class JsonBody
{
public:
    static Result<JsonBody> parse(const QByteArray &bytes);
    explicit JsonBody(QJsonObject object = {});

    Result<QString> requiredString(const QString &key, int maxLength) const;
    Result<std::optional<QString>> optionalString(const QString &key, int maxLength) const;
    Result<qint64> requiredInteger(const QString &key) const;
    Result<std::optional<qint64>> optionalInteger(const QString &key) const;
    Result<bool> requiredBool(const QString &key) const;
    Result<std::optional<QStringList>> optionalStringList(
        const QString &key, int maxItems, int maxLength) const;
    // An array of ids: positive integers (docs/api.md §1.6).
    Result<QList<qint64>> requiredIdList(const QString &key, int maxItems) const;

    const QJsonObject &object() const { return m_object; }

private:
    QJsonObject m_object;
};

} // namespace javumbo::server
