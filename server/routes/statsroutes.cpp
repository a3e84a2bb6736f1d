#include "routes.h"

#include "services/backend.h"
#include "json/apijson.h"

using namespace Qt::StringLiterals;

namespace javumbo::server::routes {

namespace {

constexpr int kDefaultDays = 30;

Result<HttpResponse> overview(RequestContext &context)
{
    auto stats = context.backend.stats().overview(context.userId());
    if (!stats)
        return stats.error();
    return HttpResponse::json(200, apijson::stats(stats.value()));
}

// /stats/reviews and /stats/forecast: ?days=N (1..3650, default 30) and an optional deck_id.
template<typename Series>
Result<HttpResponse> daySeries(RequestContext &context, Series series)
{
    auto days = queryInteger(context.request, u"days"_s, kDefaultDays, 1, collection::studystats::kMaxDays);
    if (!days)
        return days.error();
    auto deckId = queryDeckId(context.request);
    if (!deckId)
        return deckId.error();
    auto counts = (context.backend.stats().*series)(context.userId(), int(days.value()), deckId.value());
    if (!counts)
        return counts.error();
    return HttpResponse::json(200, apijson::dayCounts(counts.value()));
}

Result<HttpResponse> reviews(RequestContext &context)
{
    return daySeries(context, &StatsService::reviewsPerDay);
}

Result<HttpResponse> forecast(RequestContext &context)
{
    return daySeries(context, &StatsService::dueForecast);
}

} // namespace

QList<Endpoint> stats()
{
    return {
        {"GET", u"/api/v1/stats"_s, Access::User, BodyKind::None, overview},
        {"GET", u"/api/v1/stats/reviews"_s, Access::User, BodyKind::None, reviews},
        {"GET", u"/api/v1/stats/forecast"_s, Access::User, BodyKind::None, forecast},
    };
}

} // namespace javumbo::server::routes
