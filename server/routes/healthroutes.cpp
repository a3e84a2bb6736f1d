#include "routes.h"

#include "services/backend.h"

using namespace Qt::StringLiterals;

namespace javumbo::server::routes {

QList<Endpoint> health(Fault fault)
{
    QJsonObject body {{u"status"_s, u"ok"_s}, {u"version"_s, QStringLiteral(JAVUMBO_VERSION)}};
    // Planted fault (loadtest self-test): said openly, so nobody mistakes this server for a sound one.
    if (fault != Fault::None)
        body.insert(u"fault"_s, faultName(fault));
    Endpoint endpoint {"GET", u"/api/v1/health"_s, Access::Public, BodyKind::None,
        [body](RequestContext &context) -> Result<HttpResponse> {
            // The server's clock: what a remote desktop client measures "due in …" against.
            QJsonObject answer = body;
            answer.insert(u"time"_s, context.backend.clock().nowSeconds());
            return HttpResponse::json(200, answer);
        }};
    endpoint.runsOn = RunsOn::ServerThread; // touches no database: answers even when the pools are saturated
    return {endpoint};
}

} // namespace javumbo::server::routes
