#include "runreport.h"

#include "htmlreport.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>

#include <map>

using namespace Qt::StringLiterals;
using javumbo::history::History;
using javumbo::history::Operation;
using javumbo::history::Outcome;

namespace javumbo::loadtest {

namespace {

const QString Note = u"One seed fixes the users, payloads, operation schedule and think times; the "
                     "interleaving of threads, and so the exact timings, still varies between runs."_s;

double round2(double value)
{
    return std::round(value * 100.0) / 100.0;
}

Result<void> writeFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return makeError(
            ErrorCode::StorageUnavailable, u"cannot write %1: %2"_s.arg(path, file.errorString()));
    return {};
}

Result<void> writeJson(const QString &path, const QJsonObject &object)
{
    return writeFile(path, QJsonDocument(object).toJson(QJsonDocument::Indented));
}

QJsonArray histogramJson(const metrics::HistogramSnapshot &histogram)
{
    QJsonArray buckets;
    quint64 previous = 0;
    for (qsizetype i = 0; i < histogram.cumulativeCounts.size(); ++i) {
        const quint64 cumulative = histogram.cumulativeCounts[i];
        QJsonObject bucket {{u"count"_s, qint64(cumulative - previous)}};
        bucket.insert(u"le_ms"_s,
            i < histogram.upperBounds.size() ? QJsonValue(histogram.upperBounds[i] * 1000.0) : QJsonValue());
        buckets.append(bucket);
        previous = cumulative;
    }
    return buckets;
}

QJsonObject timelineJson(const TimelinePoint &point)
{
    QJsonObject p95;
    for (const auto &[op, ms] : point.windowP95Ms) {
        if (ms > 0) // an endpoint idle in that second has no latency, not a latency of 0
            p95.insert(op, round2(ms));
    }
    return {{u"t_s"_s, round2(point.tS)}, {u"requests"_s, qint64(point.requests)},
        {u"errors"_s, qint64(point.errors)}, {u"cards_created"_s, qint64(point.cardsCreated)},
        {u"writers"_s, point.writers}, {u"reviewers"_s, point.reviewers},
        {u"acknowledged"_s, point.lane.acknowledged}, {u"verified"_s, point.lane.verified},
        {u"pending"_s, point.lane.pending}, {u"violated"_s, point.lane.violated}, {u"p95_ms"_s, p95}};
}

QJsonObject lockJson(const LockPoint &point)
{
    return {{u"t_s"_s, round2(point.tS)}, {u"max_wait_ms"_s, round2(point.maxWaitMs)},
        {u"waiters"_s, point.waiters}, {u"contended"_s, point.contended}};
}

QJsonObject accountJson(const TestAccount &account)
{
    return {{u"username"_s, account.username}, {u"password"_s, account.password}, {u"name"_s, account.name},
        {u"email"_s, account.email}, {u"user_id"_s, account.userId}};
}

void replay(RunMetrics &metrics, const QList<Operation> &history)
{
    for (const Operation &operation : history)
        metrics.record(operation);
}

} // namespace

integrity::IntegrityReport auditSavedRun(const SavedRun &saved, const integrity::CheckerOptions &options)
{
    integrity::Checker checker(options);
    checker.setAccounts(registeredAccounts(saved.accounts));
    for (const Operation &operation : saved.history)
        checker.observe(operation);
    return checker.finish();
}

QString defaultRunDirectory()
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(base).filePath(
        u"loadtest-runs/"_s + QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s));
}

QJsonObject summaryJson(const RunRecord &record)
{
    const RunResult &result = record.result;
    qint64 ok = 0, fail = 0, info = 0;
    for (const Operation &operation : result.history) {
        ok += operation.outcome == Outcome::Ok;
        fail += operation.outcome == Outcome::Fail;
        info += operation.outcome == Outcome::Info;
    }
    QJsonArray thresholds;
    for (const ThresholdResult &threshold : result.thresholds) {
        thresholds.append(QJsonObject {{u"expression"_s, threshold.expression},
            {u"observed"_s, threshold.observed}, {u"passed"_s, threshold.passed}});
    }
    qint64 users = 0;
    for (const TestAccount &account : result.accounts)
        users += account.userId != 0;
    QJsonObject summary {
        {u"verdict"_s, integrity::verdictName(result.integrity.verdict)},
        {u"exit_code"_s, int(result.exit)},
        {u"exit"_s, exitName(result.exit)},
        {u"started_at"_s, result.startedAt.toString(Qt::ISODate)},
        {u"duration_s"_s, round2(result.durationS)},
        {u"seed"_s, qint64(record.profile.seed)},
        {u"target"_s, record.target.description},
        {u"profile_name"_s, record.profile.name},
        {u"fault"_s, record.target.fault.isEmpty() ? QJsonValue() : QJsonValue(record.target.fault)},
        {u"operations"_s, qint64(result.history.size())},
        {u"ok"_s, ok},
        {u"fail"_s, fail},
        {u"info"_s, info},
        {u"users"_s, users},
        {u"cards_acknowledged"_s, result.integrity.lane.acknowledged},
        {u"cards_verified"_s, result.integrity.lane.verified},
        {u"requests_per_second"_s,
            result.durationS > 0 ? round2(double(result.history.size()) / result.durationS) : 0},
        {u"dropped"_s, qint64(result.finalSnapshot.dropped)},
        {u"thresholds"_s, thresholds},
        {u"validation"_s, result.integrity.path},
        {u"note"_s, Note},
    };
    if (!result.error.isEmpty())
        summary.insert(u"error"_s, result.error);
    return summary;
}

QJsonObject performanceJson(const RunRecord &record)
{
    RunMetrics metrics;
    replay(metrics, record.result.history);
    QJsonArray endpoints;
    for (const EndpointFigures &figures : metrics.endpoints()) {
        endpoints.append(QJsonObject {{u"name"_s, figures.op}, {u"count"_s, qint64(figures.count)},
            {u"errors"_s, qint64(figures.errors)}, {u"avg_ms"_s, round2(figures.avgMs)},
            {u"p50_ms"_s, round2(figures.p50Ms)}, {u"p90_ms"_s, round2(figures.p90Ms)},
            {u"p95_ms"_s, round2(figures.p95Ms)}, {u"p99_ms"_s, round2(figures.p99Ms)},
            {u"max_ms"_s, round2(figures.maxMs)}, {u"histogram"_s, histogramJson(figures.histogram)}});
    }
    QJsonArray errors;
    for (const ErrorFigures &error : metrics.errors()) {
        errors.append(QJsonObject {{u"code"_s, error.code}, {u"status"_s, error.status},
            {u"count"_s, qint64(error.count)},
            {u"sample_request_ids"_s, QJsonArray::fromStringList(error.sampleRequestIds)}});
    }
    QJsonArray scenarios;
    const QMap<QString, ScenarioFigures> byScenario = metrics.scenarios();
    for (auto it = byScenario.begin(); it != byScenario.end(); ++it) {
        scenarios.append(QJsonObject {{u"name"_s, it.key()}, {u"ok"_s, qint64(it->ok)},
            {u"fail"_s, qint64(it->fail)}, {u"info"_s, qint64(it->info)}, {u"errors"_s, qint64(it->errors)}});
    }
    QJsonArray timeline;
    for (const TimelinePoint &point : record.result.finalSnapshot.timeline)
        timeline.append(timelineJson(point));
    QJsonArray locks;
    for (const LockPoint &point : record.result.finalSnapshot.lockWaits)
        locks.append(lockJson(point));
    return {{u"endpoints"_s, endpoints}, {u"errors_by_code"_s, errors}, {u"scenarios"_s, scenarios},
        {u"timeline"_s, timeline}, {u"lock_waits"_s, locks}, {u"dropped"_s, qint64(metrics.dropped())},
        {u"latency_note"_s, u"latency counts from each operation's intended start"_s}};
}

QJsonObject sessionAnalysisJson(const QList<Operation> &history)
{
    qint64 logins = 0, logouts = 0, identityChecks = 0, probes = 0, probesRefused = 0, probesAnswered = 0;
    std::map<QString, qint64> sessionsPerUser;
    QJsonArray named;
    for (const Operation &operation : history) {
        if (operation.op == u"login"_s && operation.outcome == Outcome::Ok) {
            ++logins;
            ++sessionsPerUser[operation.username];
        }
        logouts += operation.op == u"logout"_s && operation.outcome == Outcome::Ok;
        if (operation.op == u"me"_s && operation.expectedStatus == 401) {
            ++probes;
            probesRefused += operation.status == 401;
            probesAnswered += operation.outcome == Outcome::Ok;
        } else if (operation.op == u"me"_s) {
            ++identityChecks;
        }
        const bool otherId = operation.observedUserId != 0 && operation.userId != 0
            && operation.observedUserId != operation.userId;
        const bool otherName
            = !operation.observedUsername.isEmpty() && operation.observedUsername != operation.username;
        if (otherId || otherName) {
            named.append(QJsonObject {{u"seq"_s, operation.seq}, {u"op"_s, operation.op},
                {u"username"_s, operation.username}, {u"observed_username"_s, operation.observedUsername},
                {u"observed_user_id"_s, operation.observedUserId}, {u"request_id"_s, operation.requestId}});
        }
    }
    QJsonObject perUser;
    for (const auto &[username, count] : sessionsPerUser)
        perUser.insert(username, count);
    return {{u"sessions_started"_s, logins}, {u"logouts"_s, logouts}, {u"identity_checks"_s, identityChecks},
        {u"ended_session_probes"_s, probes}, {u"ended_session_probes_refused"_s, probesRefused},
        {u"ended_session_probes_answered"_s, probesAnswered}, {u"responses_naming_another_user"_s, named},
        {u"sessions_per_user"_s, perUser}};
}

namespace {

QJsonObject assembleReportData(
    const RunRecord &record, const QJsonObject &summary, const QJsonObject &performance)
{
    QJsonArray violations;
    for (const integrity::Violation &violation : record.result.integrity.violations) {
        QJsonObject row = violation.toJson();
        row.insert(u"time_s"_s, round2(double(violation.timeUs) / 1e6));
        violations.append(row);
    }
    QJsonArray checks;
    for (const integrity::CheckOutcome &check : record.result.integrity.checks)
        checks.append(check.toJson());
    QJsonObject data {{u"summary"_s, summary}, {u"checks"_s, checks}, {u"violations"_s, violations}};
    for (const QString &key :
        {u"endpoints"_s, u"errors_by_code"_s, u"scenarios"_s, u"timeline"_s, u"lock_waits"_s})
        data.insert(key, performance.value(key));
    return data;
}

} // namespace

QJsonObject reportData(const RunRecord &record)
{
    return assembleReportData(record, summaryJson(record), performanceJson(record));
}

Result<void> writeRunReport(const QString &dir, const RunRecord &record, bool snapshotDatabases)
{
    if (!QDir().mkpath(dir))
        return makeError(ErrorCode::StorageUnavailable, u"cannot create the report directory %1"_s.arg(dir));
    const QDir out(dir);
    const RunResult &result = record.result;
    QJsonArray accounts;
    for (const TestAccount &account : result.accounts)
        accounts.append(accountJson(account));
    QJsonArray thresholds;
    for (const ThresholdResult &threshold : result.thresholds)
        thresholds.append(threshold.expression);
    const QJsonObject run {{u"target"_s, record.target.description}, {u"thresholds"_s, thresholds},
        {u"host"_s, record.target.host}, {u"port"_s, record.target.port},
        {u"data_dir"_s, record.target.dataDir}, {u"fault"_s, record.target.fault}, {u"accounts"_s, accounts},
        {u"accounts_note"_s, u"throw-away test accounts of this run, kept so `javumbo check` can log in"_s}};

    // Each is computed once: the performance figures replay the whole history.
    const QJsonObject summary = summaryJson(record);
    const QJsonObject performance = performanceJson(record);
    const std::pair<QString, QJsonObject> files[] = {
        {u"summary.json"_s, summary},
        {u"integrity_violations.json"_s, result.integrity.toJson()},
        {u"performance_metrics.json"_s, performance},
        {u"session_analysis.json"_s, sessionAnalysisJson(result.history)},
        {u"profile.json"_s, record.profile.toJson()},
        {u"run.json"_s, run},
    };
    for (const auto &[name, object] : files) {
        if (auto written = writeJson(out.filePath(name), object); !written)
            return written;
    }
    if (auto written = History::writeJsonLines(out.filePath(u"requests.jsonl"_s), result.history); !written)
        return written;
    const QByteArray page = renderHtmlReport(assembleReportData(record, summary, performance));
    if (auto written = writeFile(out.filePath(u"report.html"_s), page); !written)
        return written;

    if (snapshotDatabases && !record.target.dataDir.isEmpty()) {
        // The run is over, so the server is idle: the files and their WAL are consistent together.
        const QDir data(record.target.dataDir);
        const QDir snapshot(out.filePath(u"snapshot"_s));
        QDir().mkpath(snapshot.filePath(u"user_dbs"_s));
        const QStringList patterns {u"*.db"_s, u"*.db-wal"_s};
        for (const QString &sub : {QString(), u"user_dbs"_s}) {
            const QDir from(data.filePath(sub));
            for (const QString &name : from.entryList(patterns, QDir::Files)) {
                const QString target = snapshot.filePath(sub.isEmpty() ? name : sub + u'/' + name);
                QFile::remove(target);
                if (!QFile::copy(from.filePath(name), target))
                    return makeError(
                        ErrorCode::StorageUnavailable, u"cannot copy %1 into the snapshot"_s.arg(name));
            }
        }
    }
    return {};
}

Result<SavedRun> readSavedRun(const QString &dir, bool withHistory)
{
    const QDir in(dir);
    const auto readObject = [&in](const QString &name) -> Result<QJsonObject> {
        QFile file(in.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            return makeError(
                ErrorCode::NotFound, u"cannot read %1: %2"_s.arg(file.fileName(), file.errorString()));
        const QJsonDocument document = QJsonDocument::fromJson(file.readAll());
        if (!document.isObject())
            return makeError(ErrorCode::InvalidJson, u"%1 is not a JSON object"_s.arg(file.fileName()));
        return document.object();
    };
    SavedRun saved;
    const Result<QJsonObject> profile = readObject(u"profile.json"_s);
    if (!profile)
        return profile.error();
    Result<LoadProfile> parsed = LoadProfile::fromJson(*profile);
    if (!parsed)
        return parsed.error();
    saved.profile = *parsed;
    const Result<QJsonObject> run = readObject(u"run.json"_s);
    if (!run)
        return run.error();
    saved.target.description = run->value(u"target"_s).toString();
    saved.target.host = run->value(u"host"_s).toString();
    saved.target.port = quint16(run->value(u"port"_s).toInt());
    saved.target.dataDir = run->value(u"data_dir"_s).toString();
    saved.target.fault = run->value(u"fault"_s).toString();
    for (const QJsonValue expression : run->value(u"thresholds"_s).toArray())
        saved.thresholds.append(expression.toString());
    for (const QJsonValue value : run->value(u"accounts"_s).toArray()) {
        const QJsonObject account = value.toObject();
        saved.accounts.append({account.value(u"username"_s).toString(),
            account.value(u"password"_s).toString(), account.value(u"name"_s).toString(),
            account.value(u"email"_s).toString(), {}, account.value(u"user_id"_s).toInteger()});
    }
    if (withHistory) {
        Result<QList<Operation>> history = History::readJsonLines(in.filePath(u"requests.jsonl"_s));
        if (!history)
            return history.error();
        saved.history = *history;
    }
    return saved;
}

} // namespace javumbo::loadtest
