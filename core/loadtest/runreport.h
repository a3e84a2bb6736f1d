#pragma once

#include "integrity/checker.h"
#include "loadtestrunner.h"

#include <QJsonObject>

namespace javumbo::loadtest {

// Everything a finished run leaves behind, and the one place that turns it
// into the report's data (docs/architecture.md §6: the report is rendered from
// the saved history, so `javumbo check` can render it again).
struct RunRecord
{
    LoadProfile profile;
    RunTarget target;
    RunResult result;
};

// The data report.html renders (its schema is documented in resources/report/report.html).
QJsonObject reportData(const RunRecord &record);
QJsonObject summaryJson(const RunRecord &record);
QJsonObject performanceJson(const RunRecord &record);
QJsonObject sessionAnalysisJson(const QList<history::Operation> &history);

// Writes summary.json, integrity_violations.json, performance_metrics.json,
// session_analysis.json, requests.jsonl, profile.json, run.json (target and
// accounts, for `javumbo check` and --replay) and report.html into `dir`.
// With `snapshotDatabases`, copies the server's files into dir/snapshot/.
Result<void> writeRunReport(const QString &dir, const RunRecord &record, bool snapshotDatabases);

// Where a run's reports go unless told otherwise: a new folder named after
// the local time under loadtest-runs/ of the application data directory.
QString defaultRunDirectory();

// What run.json keeps, read back for `javumbo check --run DIR` and `--replay DIR`.
struct SavedRun
{
    LoadProfile profile;
    RunTarget target;
    QStringList thresholds; // the expressions the run was judged by
    QList<TestAccount> accounts;
    QList<history::Operation> history;
};
Result<SavedRun> readSavedRun(const QString &dir, bool withHistory = true);

// The integrity checker on a saved run: its history and accounts, against the
// server's data as `options` point to it (files or API). `javumbo check`.
integrity::IntegrityReport auditSavedRun(const SavedRun &saved, const integrity::CheckerOptions &options);

} // namespace javumbo::loadtest
