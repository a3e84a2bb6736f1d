#include "routes.h"

#include "api/apiserver.h"
#include "services/backend.h"
#include "services/writebatch.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace javumbo::server::routes {

namespace {

// Storage health (issue 14): quarantined collections, group commits, backups.
QList<Gauge> storageGauges(Backend &backend)
{
    const WriteBatch::Stats batches = WriteBatch::stats();
    const ScheduledBackups::Stats backups = backend.backups().stats();
    QList<Gauge> gauges {
        {u"javumbo_quarantined_collections"_s, u"Collections found damaged and taken out of service."_s,
            double(backend.quarantine().size())},
        {u"javumbo_storage_corrupt_detections_total"_s,
            u"Damaged collections detected since the server started."_s,
            double(backend.quarantine().detections())},
        {u"javumbo_group_commit_batches_total"_s, u"Write transactions committed (one sync each)."_s,
            double(batches.batches)},
        {u"javumbo_group_commit_writes_total"_s, u"Writes those transactions held."_s,
            double(batches.writes)},
        {u"javumbo_group_commit_failed_batches_total"_s,
            u"Batches whose commit failed (every write in them failed)."_s, double(batches.failedBatches)},
    };
    if (backend.backups().enabled()) {
        const double age = backups.lastSuccess.isValid()
            ? double(backups.lastSuccess.msecsTo(QDateTime::currentDateTimeUtc())) / 1000.0
            : -1.0;
        gauges += {
            {u"javumbo_backup_last_success_age_seconds"_s,
                u"Seconds since the last scheduled backup succeeded; -1 before the first."_s, age},
            {u"javumbo_backup_last_duration_seconds"_s, u"How long the last scheduled backup took."_s,
                backups.lastSeconds},
            {u"javumbo_backup_successes_total"_s, u"Scheduled backups taken since the server started."_s,
                double(backups.successes)},
            {u"javumbo_backup_failures_total"_s, u"Scheduled backups that failed."_s,
                double(backups.failures)},
        };
    }
    return gauges;
}

} // namespace

QList<Endpoint> admin(ApiServer &server)
{
    auto locks = [&server](RequestContext &) -> Result<HttpResponse> {
        QJsonArray rows;
        for (const UserLockStats &stats : server.backend().locks().statistics()) {
            rows.append(QJsonObject {
                {u"instance_id"_s, server.options().instanceId}, // which instance's locks, behind a balancer
                {u"user_id"_s, stats.userId},
                {u"waiters"_s, stats.waiters},
                {u"acquisitions"_s, qint64(stats.acquisitions)},
                {u"contended"_s, qint64(stats.contended)},
                {u"combined"_s, qint64(stats.combined)}, // of those, run by the holder for the waiter
                {u"timeouts"_s, qint64(stats.timeouts)},
                {u"held"_s, stats.held},
                {u"max_wait_ms"_s, stats.maxWaitMs},
                {u"max_hold_ms"_s, stats.maxHoldMs},
            });
        }
        return HttpResponse::json(200, rows);
    };
    auto sessions = [&server](RequestContext &) -> Result<HttpResponse> {
        auto active = server.backend().sessions().activeCount();
        if (!active)
            return active.error();
        return HttpResponse::json(200, QJsonObject {{u"active"_s, active.value()}});
    };
    auto metrics = [&server](RequestContext &) -> Result<HttpResponse> {
        auto active = server.backend().sessions().activeCount();
        if (!active)
            return active.error();
        auto users = server.backend().accounts().count();
        if (!users)
            return users.error();
        QList<Gauge> gauges {
            {u"javumbo_active_sessions"_s, u"Sessions that are neither expired nor logged out."_s,
                double(active.value())},
            {u"javumbo_registered_users"_s, u"Accounts in admin.db."_s, double(users.value())},
            {u"javumbo_open_connections"_s, u"TCP connections held by the server."_s,
                double(server.openConnections())},
            {u"javumbo_requests_in_flight"_s, u"Requests queued or running on the worker pool."_s,
                double(server.inFlight())},
        };
        gauges += storageGauges(server.backend());
        HttpResponse response;
        response.contentType = "text/plain; version=0.0.4; charset=utf-8";
        response.body = server.metrics().renderPrometheus(gauges, server.options().instanceId).toUtf8();
        return response;
    };
    return {
        {"GET", u"/api/v1/admin/locks"_s, Access::Admin, BodyKind::None, locks},
        {"GET", u"/api/v1/admin/sessions"_s, Access::Admin, BodyKind::None, sessions},
        {"GET", u"/metrics"_s, Access::AdminOrLoopback, BodyKind::None, metrics},
    };
}

} // namespace javumbo::server::routes
