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

// The server a run drives, and what else it may use.
struct RunTarget
{
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 0;
    QString description; // "embedded (http://127.0.0.1:41234)" or the URL
    QString dataDir; // the server's data directory when readable: direct validation
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
    class Monitor;
    struct VirtualUser;

    bool serverAnswers(QString *why);
    void registerAccounts();
    void setUpReviewers();
    void runScenarios();
    void startVirtualUser(std::unique_ptr<VirtualUser> user);
    void joinVirtualUsers();
    qint64 plannedOperations() const;
    void publish(RunSnapshot snapshot);
    RunSnapshot buildSnapshot(RunSnapshot::Phase phase);
    QList<TestAccount *> accountsOf(int first, int count);

    LoadProfile m_profile;
    RunTarget m_target;
    QList<Threshold> m_thresholds;
    std::unique_ptr<RunContext> m_context;
    std::unique_ptr<integrity::Checker> m_checker;
    QList<TestAccount> m_accounts; // writers, reviewers, then the hot user and the retriers
    QList<qint64> m_reviewerDecks;
    std::vector<std::unique_ptr<VirtualUser>> m_virtualUsers;
    std::atomic<int> m_activeWriters {0};
    std::atomic<int> m_activeReviewers {0};
    std::atomic<int> m_activeOthers {0};
    std::atomic<int> m_phase {0};
    std::unique_ptr<Monitor> m_monitor;

    mutable std::mutex m_snapshotMutex;
    RunSnapshot m_snapshot;
    std::function<void(const RunSnapshot &)> m_callback;
    // Previous figures, for the per-interval numbers of the time line.
    quint64 m_lastOperations = 0;
    quint64 m_lastErrors = 0;
    double m_lastSnapshotS = 0;
    QMap<QString, metrics::HistogramSnapshot> m_lastHistograms;
};

} // namespace javumbo::loadtest
