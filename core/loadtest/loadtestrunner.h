#pragma once

#include "integrity/integrityreport.h"
#include "profile.h"
#include "runcontext.h"
#include "runexit.h"
#include "runsnapshot.h"
#include "thresholds.h"

#include <functional>
#include <memory>
#include <mutex>

namespace javumbo::integrity {
class Checker;
}

namespace javumbo::loadtest {

class LockPoller;
class RunMonitor;

// The server a run drives, and what else it may use.
struct RunTarget
{
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 0;
    QString description; // "embedded (http://127.0.0.1:41234)" or the URL
    QString dataDir; // the server's data directory when readable: direct validation
    QString database; // the server's PostgreSQL (serve --database): validation in its rows
    QString adminUsername; // to poll /admin/locks; optional
    QString adminPassword;
    QString fault; // the planted fault of an embedded server, for the report
};

struct RunResult
{
    RunExit exit = RunExit::CouldNotRun;
    QString error; // why a run could not happen
    integrity::IntegrityReport integrity;
    QList<ThresholdResult> thresholds;
    RunSnapshot finalSnapshot;
    QList<history::Operation> history;
    QList<TestAccount> accounts;
    QDateTime startedAt;
    double durationS = 0;
};

// Runs one load test: registration burst, set-up, the ramped scenarios, a
// monitor that snapshots the run and verifies acknowledged cards each
// second, and the final audit. run() blocks; snapshot() and requestStop()
// may be called from any thread while it runs.
class LoadTestRunner
{
public:
    LoadTestRunner(
        LoadProfile profile, RunTarget target, QList<Threshold> thresholds = Threshold::defaults());
    ~LoadTestRunner();

    // Called from the monitor thread about once a second.
    void setSnapshotCallback(std::function<void(const RunSnapshot &)> callback);
    RunSnapshot snapshot() const;
    RunResult run();
    void requestStop();

    const LoadProfile &profile() const { return m_profile; }
    const RunTarget &target() const { return m_target; }

private:
    struct VirtualUser;

    bool serverAnswers(QString *why);
    void registerAccounts();
    void runScenarios();
    void startVirtualUser(std::unique_ptr<VirtualUser> user);
    void joinVirtualUsers();
    // Once a second on the monitor's thread: the deadline, the server's lock
    // figures, an incremental integrity pass, a snapshot.
    void monitorTick(LockPoller &locks);
    qint64 plannedOperations() const;
    void publish(RunSnapshot snapshot);
    RunSnapshot buildSnapshot(RunSnapshot::Phase phase);
    QList<TestAccount *> accountsOf(int first, int count);

    // Set before any thread of the run starts, then only read.
    LoadProfile m_profile;
    RunTarget m_target;
    QList<Threshold> m_thresholds;
    // Made by run() before its threads start; each is thread-safe itself.
    std::unique_ptr<RunContext> m_context;
    std::unique_ptr<integrity::Checker> m_checker;
    // Writers, reviewers, then the hot user and the retriers. The list is fixed
    // before the threads start; an entry is written by one thread at a time
    // (its registrar, then its virtual user).
    QList<TestAccount> m_accounts;
    std::vector<std::unique_ptr<VirtualUser>> m_virtualUsers; // run()'s thread only
    std::atomic<int> m_activeWriters {0};
    std::atomic<int> m_activeReviewers {0};
    std::atomic<int> m_activeOthers {0};
    std::atomic<int> m_phase {0};
    std::unique_ptr<RunMonitor> m_monitor; // run()'s thread only

    mutable std::mutex m_snapshotMutex;
    // Guarded by m_snapshotMutex (buildSnapshot() also reads the last two,
    // on the one thread that publishes at a time):
    RunSnapshot m_snapshot;
    std::function<void(const RunSnapshot &)> m_callback;
    quint64 m_lastOperations = 0; // previous figures, for the per-interval numbers of the time line
    quint64 m_lastErrors = 0;
    // buildSnapshot()'s previous figures: the monitor's thread, then run()'s once the monitor is gone.
    double m_lastSnapshotS = 0;
    QMap<QString, metrics::HistogramSnapshot> m_lastHistograms;
};

} // namespace javumbo::loadtest
