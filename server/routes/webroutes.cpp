#include "routes.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>

using namespace Qt::StringLiterals;

namespace javumbo::server::routes {

namespace {

// The page loads nothing but its own files and the images a card carries
// inline (data: URLs); no inline script or style, no framing, no <base>, and
// forms post only back here. Card HTML is sanitised by the page too: this is
// the second wall, not the first.
constexpr QByteArrayView kContentSecurityPolicy
    = "default-src 'self'; img-src 'self' data:; base-uri 'none'; "
      "form-action 'self'; frame-ancestors 'none'";

struct Asset
{
    QByteArray body;
    QByteArray contentType;
    QByteArray etag;
};

QByteArray contentTypeFor(const QString &fileName)
{
    if (fileName.endsWith(u".html"_s))
        return "text/html; charset=utf-8";
    if (fileName.endsWith(u".js"_s))
        return "text/javascript; charset=utf-8";
    if (fileName.endsWith(u".css"_s))
        return "text/css; charset=utf-8";
    if (fileName.endsWith(u".svg"_s))
        return "image/svg+xml; charset=utf-8";
    return "application/octet-stream";
}

// If-None-Match is a list of entity tags (weak ones compare weakly) or "*".
bool matchesAny(const QByteArray &ifNoneMatch, const QByteArray &etag)
{
    for (QByteArray candidate : ifNoneMatch.split(',')) {
        candidate = candidate.trimmed();
        if (candidate.startsWith("W/"))
            candidate = candidate.mid(2);
        if (candidate == "*" || candidate == etag)
            return true;
    }
    return false;
}

Endpoint assetEndpoint(const QString &path, Asset asset)
{
    Endpoint endpoint {"GET", path, Access::Public, BodyKind::None,
        [asset = std::move(asset)](RequestContext &context) -> Result<HttpResponse> {
            HttpResponse response;
            if (matchesAny(context.request.header("if-none-match"), asset.etag)) {
                response.status = 304;
                response.contentType.clear();
            } else {
                response.contentType = asset.contentType;
                response.body = asset.body;
            }
            // no-cache: always revalidate, so a server upgrade never meets yesterday's scripts.
            response.withHeader("ETag", asset.etag)
                .withHeader("Cache-Control", "no-cache")
                .withHeader("Content-Security-Policy", kContentSecurityPolicy.toByteArray())
                .withHeader("X-Content-Type-Options", "nosniff")
                .withHeader("Referrer-Policy", "no-referrer");
            return response;
        }};
    endpoint.runsOn = RunsOn::ServerThread; // compiled-in bytes: no database, no reason to queue
    return endpoint;
}

} // namespace

QList<Endpoint> web()
{
    // server/web/ is compiled in under :/web (server/CMakeLists.txt): index.html
    // answers "/", everything else keeps its path.
    const QString root = u":/web"_s;
    QList<Endpoint> endpoints;
    QDirIterator files(root, QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString resource = files.next();
        QFile file(resource);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        Asset asset;
        asset.body = file.readAll();
        asset.contentType = contentTypeFor(resource);
        asset.etag
            = '"' + QCryptographicHash::hash(asset.body, QCryptographicHash::Sha256).toHex().left(32) + '"';
        const QString path = resource.mid(root.size());
        endpoints.append(assetEndpoint(path == u"/index.html"_s ? u"/"_s : path, std::move(asset)));
    }
    return endpoints;
}

} // namespace javumbo::server::routes
