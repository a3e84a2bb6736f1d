#include "routes.h"

using namespace Qt::StringLiterals;

namespace javumbo::server::routes {

QList<Endpoint> health()
{
    Endpoint endpoint {"GET", u"/api/v1/health"_s, Access::Public, BodyKind::None,
        [](RequestContext &) -> Result<HttpResponse> {
            return HttpResponse::json(
                200, QJsonObject {{u"status"_s, u"ok"_s}, {u"version"_s, QStringLiteral(JAVUMBO_VERSION)}});
        }};
    endpoint.runsOnServerThread = true; // touches no database: answers even when the pool is saturated
    return {endpoint};
}

} // namespace javumbo::server::routes
