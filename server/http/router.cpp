#include "router.h"

using namespace Qt::StringLiterals;

namespace javumbo::server {

namespace {

QStringList split(const QString &path)
{
    return path.split(u'/', Qt::SkipEmptyParts);
}

std::optional<qint64> parseId(const QString &segment)
{
    if (segment.isEmpty() || segment.size() > 18)
        return std::nullopt;
    for (QChar c : segment) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
    }
    const qint64 id = segment.toLongLong();
    return id > 0 ? std::optional<qint64>(id) : std::nullopt;
}

} // namespace

int Router::add(const QByteArray &method, const QString &pattern)
{
    m_routes.append({method, pattern, split(pattern)});
    return int(m_routes.size() - 1);
}

std::optional<QList<qint64>> Router::matchSegments(const QStringList &pattern, const QStringList &path)
{
    if (pattern.size() != path.size())
        return std::nullopt;
    QList<qint64> ids;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == u"{id}"_s) {
            const auto id = parseId(path[i]);
            if (!id)
                return std::nullopt;
            ids.append(*id);
        } else if (pattern[i] != path[i]) {
            return std::nullopt;
        }
    }
    return ids;
}

std::variant<Router::Match, Router::Miss> Router::match(const QByteArray &method, const QString &path) const
{
    const QStringList segments = split(path);
    bool pathExists = false;
    for (int i = 0; i < m_routes.size(); ++i) {
        const Route &route = m_routes[i];
        auto ids = matchSegments(route.segments, segments);
        if (!ids)
            continue;
        pathExists = true;
        if (route.method == method)
            return Match {i, route.pattern, *ids};
    }
    // HEAD is GET without the body (RFC 9110 §9.3.2): every GET route answers it; the transport
    // leaves the body out.
    if (pathExists && method == "HEAD")
        return match("GET", path);
    return pathExists ? Miss::MethodNotAllowed : Miss::NotFound;
}

QList<QByteArray> Router::methodsFor(const QString &path) const
{
    const QStringList segments = split(path);
    QList<QByteArray> methods;
    for (const Route &route : m_routes) {
        if (matchSegments(route.segments, segments))
            methods.append(route.method);
    }
    if (methods.contains("GET") && !methods.contains("HEAD"))
        methods.append("HEAD");
    return methods;
}

} // namespace javumbo::server
