#include "routes.h"

using namespace Qt::StringLiterals;

namespace javumbo::server::routes {

QList<Endpoint> health(Fault fault)
{
    QJsonObject body {{u"status"_s, u"ok"_s}, {u"version"_s, QStringLiteral(JAVUMBO_VERSION)}};
    // Planted fault (loadtest self-test): said openly, so nobody mistakes this server for a sound one.
    if (fault != Fault::None)
        body.insert(u"fault"_s, faultName(fault));
    Endpoint endpoint {"GET", u"/api/v1/health"_s, Access::Public, BodyKind::None,
        [body](RequestContext &) -> Result<HttpResponse> { return HttpResponse::json(200, body); }};
    endpoint.runsOn = RunsOn::ServerThread; // touches no database: answers even when the pools are saturated
    return {endpoint};
}

} // namespace javumbo::server::routes
