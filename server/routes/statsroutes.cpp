#include "routes.h"

#include "services/backend.h"
#include "services/insightsservice.h"
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

// What the statistics routes take: ?days=N (1..3650, default 30) and an optional deck_id.
struct Period
{
    int days = kDefaultDays;
    std::optional<qint64> deckId;
};

Result<Period> period(const RequestContext &context)
{
    auto days = queryInteger(context.request, u"days"_s, kDefaultDays, 1, collection::studystats::kMaxDays);
    if (!days)
        return days.error();
    auto deckId = queryDeckId(context.request);
    if (!deckId)
        return deckId.error();
    return Period {int(days.value()), deckId.value()};
}

// /stats/reviews and /stats/forecast.
template<typename Series>
Result<HttpResponse> daySeries(RequestContext &context, Series series)
{
    auto asked = period(context);
    if (!asked)
        return asked.error();
    auto counts = (context.backend.stats().*series)(context.userId(), asked->days, asked->deckId);
    if (!counts)
        return counts.error();
    return HttpResponse::json(200, apijson::dayCounts(counts.value()));
}

// What the desktop's Statistics page shows (docs/api.md §7.1.2), from the service the desktop app uses.
Result<HttpResponse> report(RequestContext &context)
{
    auto asked = period(context);
    if (!asked)
        return asked.error();
    auto report
        = InsightsService(context.backend.context()).deckStats(context.userId(), asked->deckId, asked->days);
    if (!report)
        return report.error();
    return HttpResponse::json(200, apijson::deckStats(report.value(), asked->days));
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
        {"GET", u"/api/v1/stats/report"_s, Access::User, BodyKind::None, report},
    };
}

} // namespace javumbo::server::routes
