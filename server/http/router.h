#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <variant>

namespace javumbo::server {

// Maps (method, path) to a route index. Patterns are literal segments and
// `{id}` placeholders that accept only positive 64-bit integers, so a
// malformed id is simply "not found". Tells 404 (no such path) from 405
// (path exists, method does not). HEAD matches every GET route.
class Router
{
public:
    struct Match
    {
        int index = -1;
        QString pattern; // the route template, for logs and metrics
        QList<qint64> ids;
    };
    enum class Miss
    {
        NotFound,
        MethodNotAllowed
    };

    int add(const QByteArray &method, const QString &pattern);
    std::variant<Match, Miss> match(const QByteArray &method, const QString &path) const;
    QList<QByteArray> methodsFor(const QString &path) const;

private:
    struct Route
    {
        QByteArray method;
        QString pattern;
        QStringList segments;
    };
    static std::optional<QList<qint64>> matchSegments(const QStringList &pattern, const QStringList &path);
    QList<Route> m_routes;
};

} // namespace javumbo::server
