#include "routes.h"

#include "interop/mediafolder.h"
#include "interop/mediastore.h"
#include "services/backend.h"

#include <QMimeDatabase>

using namespace Qt::StringLiterals;

// GET /media?name= (docs/api.md §7a): one file of the user's media store,
// the images and sounds cards refer to, so a remote desktop profile can show
// them as a local one does.
namespace javumbo::server::routes {

namespace {

Result<HttpResponse> mediaFile(RequestContext &context)
{
    const QString name = queryText(context.request, u"name"_s);
    // A plain file name, never a path (no way out of the folder); dot files are the importer's staging.
    if (auto checked = interop::mediafolder::checkName(name); !checked || name.startsWith(u'.'))
        return makeError(ErrorCode::BadRequest, u"name must be the file name of a media file"_s);
    auto content = context.backend.context().mediaStore(context.userId())->read(name);
    if (!content)
        return content.error();
    if (!content.value())
        return makeError(ErrorCode::NotFound, u"there is no media file %1"_s.arg(name));
    HttpResponse response;
    response.contentType
        = QMimeDatabase().mimeTypeForFile(name, QMimeDatabase::MatchExtension).name().toLatin1();
    response.body = std::move(content.value()).value();
    // Served on the study page's origin: never sniffed, and a document (an SVG,
    // an HTML file) opened directly runs no script there.
    return response.withHeader("X-Content-Type-Options", "nosniff")
        .withHeader("Content-Security-Policy", "sandbox; default-src 'none'; style-src 'unsafe-inline'")
        .withHeader("Cache-Control", "private, no-cache");
}

} // namespace

QList<Endpoint> media()
{
    return {{"GET", u"/api/v1/media"_s, Access::User, BodyKind::None, mediaFile}};
}

} // namespace javumbo::server::routes
