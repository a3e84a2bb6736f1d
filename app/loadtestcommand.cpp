#include "loadtestcommand.h"

#include "commandfailure.h"
#include "common/fault.h"
#include "loadtest/loadtestrunner.h"
#include "loadtest/resulttext.h"
#include "loadtest/runreport.h"
#include "loadtest/selftest.h"
#include "loadtest/statusline.h"
#include "postgres/pgconnectionstring.h"
#include "scratchservers.h"

#include <QCommandLineParser>
#include <QLoggingCategory>
#include <QTextStream>
#include <QUrl>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <mutex>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace javumbo::app {

namespace {

std::atomic<bool> s_interrupted {false};

void onInterrupt(int)
{
    s_interrupted = true;
}

int fail(const QString &message)
{
    return commandFailed(u"loadtest"_s, message, int(loadtest::RunExit::CouldNotRun));
}

struct LoadTestConfig
{
    loadtest::LoadProfile profile;
    QList<loadtest::Threshold> thresholds = loadtest::Threshold::defaults();
    QUrl target; // empty: embedded
    QString dataDir;
    QString database;
    QString reportDir;
    QString adminUser;
    QString adminPassword;
    Fault fault = Fault::None;
    bool snapshot = false;
    bool selfTest = false;
};

std::optional<LoadTestConfig> parse(const QStringList &arguments, QString *error)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Runs the load-testing plan against a Javumbo server and proves, from the server's data, that "
        "every acknowledged card is in its owner's collection and nowhere else.\n"
        "Exit codes: 0 pass, 1 a threshold failed, 2 an integrity violation, 3 could not run."_s);
    parser.addHelpOption();
    const QCommandLineOption target(u"target"_s,
        u"A server's URL (http://host:port). Default: an embedded server on a fresh scratch directory."_s,
        u"url"_s);
    const QCommandLineOption dataDir(u"data-dir"_s,
        u"With --target: the server's data directory, when readable, for direct validation in its files."_s,
        u"dir"_s);
    const QCommandLineOption database(u"database"_s,
        u"With --target: the server's PostgreSQL database (its serve --database connection string), for "
        u"validation in its rows: every read one read-only transaction per user."_s,
        u"conninfo"_s);
    const QCommandLineOption profile(
        u"profile"_s, u"A JSON profile overriding the default plan."_s, u"file"_s);
    const QCommandLineOption quick(u"quick"_s, u"The short profile of the self-test (a few seconds)."_s);
    const QCommandLineOption seed(u"seed"_s, u"The seed of users, payloads and schedules."_s, u"n"_s);
    const QCommandLineOption users(u"users"_s, u"Users (default 30)."_s, u"n"_s);
    const QCommandLineOption duration(
        u"duration"_s, u"Upper bound of the run in seconds (default 300)."_s, u"s"_s);
    const QCommandLineOption openRate(u"open-rate"_s,
        u"Open model: a target rate of operations per second (default: closed model with think times)."_s,
        u"ops"_s);
    const QCommandLineOption report(u"report"_s,
        u"Where to write the reports (default: a new folder under the "
        "application data directory)."_s,
        u"dir"_s);
    const QCommandLineOption threshold(u"threshold"_s,
        u"A pass/fail criterion such as add_card.p95<500ms, review_next.avg<300ms, errors.rate<0.01; "
        "repeatable; replaces the plan's defaults."_s,
        u"expr"_s);
    const QCommandLineOption fault(u"fault"_s,
        u"Plant a known bug in the embedded server, to test the checker. One of: %1."_s.arg(
            faultNames(FaultScope::Sqlite).join(u", "_s)),
        u"name"_s);
    const QCommandLineOption selfTest(u"self-test"_s,
        u"Run a short profile clean (must PASS) and once per planted fault (each must FAIL)."_s);
    const QCommandLineOption replay(
        u"replay"_s, u"Re-run a saved run's profile, seed and thresholds."_s, u"dir"_s);
    const QCommandLineOption snapshot(u"snapshot"_s, u"Copy the server's database files into the report."_s);
    const QCommandLineOption adminUser(
        u"admin-user"_s, u"With --target: an admin account, to chart the server's lock waits."_s, u"name"_s);
    const QCommandLineOption adminPassword(
        u"admin-password"_s, u"The admin account's password (or JAVUMBO_ADMIN_PASSWORD)."_s, u"password"_s);
    parser.addOptions({target, dataDir, database, profile, quick, seed, users, duration, openRate, report,
        threshold, fault, selfTest, replay, snapshot, adminUser, adminPassword});
    parser.process(arguments);
    if (!parser.positionalArguments().isEmpty()) {
        *error = u"unexpected argument \"%1\" (see --help)"_s.arg(parser.positionalArguments().first());
        return std::nullopt;
    }

    LoadTestConfig config;
    config.selfTest = parser.isSet(selfTest);
    if (parser.isSet(quick) || config.selfTest)
        config.profile = loadtest::LoadProfile::quick();
    if (parser.isSet(replay)) {
        auto saved = loadtest::readSavedRun(parser.value(replay), false);
        if (!saved) {
            *error = saved.error().message;
            return std::nullopt;
        }
        config.profile = saved->profile;
        config.thresholds.clear();
        for (const QString &expression : std::as_const(saved->thresholds)) {
            if (auto parsed = loadtest::Threshold::parse(expression))
                config.thresholds.append(*parsed);
        }
    }
    if (parser.isSet(profile)) {
        auto loaded = loadtest::LoadProfile::fromFile(parser.value(profile));
        if (!loaded) {
            *error = loaded.error().message;
            return std::nullopt;
        }
        config.profile = *loaded;
    }
    bool ok = true;
    if (parser.isSet(seed)) {
        config.profile.seed = parser.value(seed).toULongLong(&ok);
        if (!ok) {
            *error = u"--seed must be a whole number"_s;
            return std::nullopt;
        }
    }
    if (parser.isSet(users)) {
        config.profile.users = parser.value(users).toInt(&ok);
        if (!ok || config.profile.users < 1 || config.profile.users > 10000) {
            *error = u"--users must be from 1 to 10000"_s;
            return std::nullopt;
        }
    }
    if (parser.isSet(duration)) {
        config.profile.durationS = parser.value(duration).toDouble(&ok);
        if (!ok || config.profile.durationS <= 0) {
            *error = u"--duration must be a positive number of seconds"_s;
            return std::nullopt;
        }
    }
    if (parser.isSet(openRate)) {
        config.profile.openRate = parser.value(openRate).toDouble(&ok);
        if (!ok || config.profile.openRate <= 0) {
            *error = u"--open-rate must be a positive number"_s;
            return std::nullopt;
        }
        config.profile.model = loadtest::LoadProfile::Model::Open;
    }
    if (parser.isSet(threshold)) {
        config.thresholds.clear();
        for (const QString &expression : parser.values(threshold)) {
            auto parsed = loadtest::Threshold::parse(expression);
            if (!parsed) {
                *error = parsed.error().message;
                return std::nullopt;
            }
            config.thresholds.append(*parsed);
        }
    }
    if (parser.isSet(target)) {
        config.target = QUrl(parser.value(target));
        if (!config.target.isValid() || config.target.scheme() != u"http"_s
            || config.target.host().isEmpty()) {
            *error = u"--target must be an http:// URL such as http://127.0.0.1:8700 (put TLS in a proxy)"_s;
            return std::nullopt;
        }
    }
    if (parser.isSet(fault)) {
        const auto planted = faultFromName(parser.value(fault));
        if (!planted) {
            *error = u"--fault: unknown fault \"%1\"; known faults: %2"_s.arg(
                parser.value(fault), faultNames().join(u", "_s));
            return std::nullopt;
        }
        if (parser.isSet(target)) {
            *error = u"--fault plants a bug in the embedded server; it cannot be used with --target"_s;
            return std::nullopt;
        }
        if (faultNeedsPostgres(*planted)) {
            *error
                = u"--fault %1 acts only on PostgreSQL and the embedded server keeps SQLite files: plant it"
                  " with `javumbo serve --database … --fault %1` and test that server with --target"_s.arg(
                      parser.value(fault));
            return std::nullopt;
        }
        config.fault = *planted;
    }
    config.dataDir = parser.value(dataDir);
    config.database = parser.value(database);
    if (!config.database.isEmpty()) {
        if (!parser.isSet(target)) {
            *error = u"--database reads a running server's PostgreSQL: use it with --target"_s;
            return std::nullopt;
        }
        if (auto parsed = postgres::PgConnectionString::parse(config.database); !parsed) {
            *error = u"--database: "_s + parsed.error().message;
            return std::nullopt;
        }
    }
    config.reportDir = parser.value(report);
    config.snapshot = parser.isSet(snapshot);
    config.adminUser = parser.value(adminUser);
    config.adminPassword = parser.isSet(adminPassword) ? parser.value(adminPassword)
                                                       : qEnvironmentVariable("JAVUMBO_ADMIN_PASSWORD");
    return config;
}

} // namespace

int runLoadTest(const QStringList &arguments)
{
    // The embedded server's per-request notes would drown the status line.
    QLoggingCategory::setFilterRules(u"javumbo.*.info=false\njavumbo.*.debug=false"_s);
    QString error;
    std::optional<LoadTestConfig> config = parse(arguments, &error);
    if (!config)
        return fail(error);
    QTextStream out(stdout);

    if (config->selfTest) {
        const auto rows = loadtest::runSelfTest(config->profile, hosting::scratchServerFactory(),
            [&out](const loadtest::SelfTestRow &row, int index, int total) {
                out << "self-test " << index << "/" << total << ": " << row.fault << " -> " << row.verdict
                    << (row.right ? " (right)" : " (WRONG)") << Qt::endl;
            });
        out << Qt::endl << loadtest::selfTestTable(rows);
        const bool right = loadtest::allRight(rows);
        out << (right ? "self-test: every row right" : "self-test: FAILED") << Qt::endl;
        return right ? 0 : 1;
    }

    loadtest::RunTarget target;
    std::unique_ptr<loadtest::ScratchServer> embedded;
    if (config->target.isEmpty()) {
        auto started = hosting::scratchServerFactory()(config->fault, false);
        if (!started)
            return fail(started.error().message);
        embedded = std::move(started.value());
        if (config->fault != Fault::None)
            QTextStream(stderr) << faultWarning(config->fault) << Qt::endl;
        target = embedded->target();
        // The scratch directory goes with the server: keep its files so `javumbo check` can audit offline.
        config->snapshot = true;
    } else {
        target.host = config->target.host();
        target.port = quint16(config->target.port(80));
        target.dataDir = config->dataDir;
        target.database = config->database;
        target.description = config->target.toString();
        target.adminUsername = config->adminUser;
        target.adminPassword = config->adminPassword;
    }
    const QString reportDir
        = config->reportDir.isEmpty() ? loadtest::defaultRunDirectory() : config->reportDir;

    out << "Javumbo load test: profile \"" << config->profile.name << "\", seed " << config->profile.seed
        << ", " << config->profile.users << " users, up to " << config->profile.durationS << " s, "
        << (config->profile.model == loadtest::LoadProfile::Model::Open
                   ? u"open model at %1 ops/s"_s.arg(config->profile.openRate)
                   : u"closed model"_s)
        << ", target " << target.description << Qt::endl;
    out << "Validation: "
        << (!target.database.isEmpty()        ? u"in the rows of PostgreSQL"_s
                   : target.dataDir.isEmpty() ? u"through the API"_s
                                              : u"in the files of "_s + target.dataDir)
        << Qt::endl;

    loadtest::LoadTestRunner runner(config->profile, target, config->thresholds);
    const bool terminal = ::isatty(STDOUT_FILENO) == 1;
    std::mutex printMutex;
    runner.setSnapshotCallback([&](const loadtest::RunSnapshot &snapshot) {
        if (s_interrupted)
            runner.requestStop();
        const QByteArray line = loadtest::statusLine(snapshot).toUtf8();
        std::lock_guard lock(printMutex);
        if (terminal) {
            const QByteArray bar = loadtest::progressBar(snapshot).toUtf8();
            std::fprintf(stdout, "\r\033[K%s %s", bar.constData(), line.constData());
        } else {
            std::fprintf(stdout, "%s\n", line.constData());
        }
        std::fflush(stdout);
    });
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    loadtest::RunRecord record {config->profile, target, runner.run()};
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    if (terminal)
        out << Qt::endl;

    const auto written = loadtest::writeRunReport(reportDir, record, config->snapshot);
    out << loadtest::resultText(record, reportDir) << Qt::flush;
    if (!written)
        return fail(written.error().message);
    return int(record.result.exit);
}

} // namespace javumbo::app
