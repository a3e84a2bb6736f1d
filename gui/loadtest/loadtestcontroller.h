#pragma once

#include "loadtest/loadtestrunner.h"
#include "loadtest/scratchserver.h"
#include "loadtest/selftest.h"

#include <QObject>
#include <QUrl>

#include <memory>
#include <mutex>
#include <optional>
#include <thread>

class QTimer;

namespace javumbo::gui {

// What the dashboard asks for: a profile, where to run it, what to judge.
struct LoadTestRequest
{
    loadtest::LoadProfile profile;
    QUrl target; // empty: a fresh embedded scratch server
    Fault fault = Fault::None; // planted in the scratch server: a test of the checker
    QList<loadtest::Threshold> thresholds = loadtest::Threshold::defaults();
    QString reportDir; // where the finished run's reports go
};

// How a run ended, for the dashboard.
struct LoadTestOutcome
{
    loadtest::RunExit exit = loadtest::RunExit::CouldNotRun;
    std::optional<integrity::Verdict> verdict; // none when the run could not happen
    QString error;
    QString reportPath; // report.html, empty when none was written
    QList<loadtest::ThresholdResult> thresholds;
};

// Runs one load test (or the checker's self-test) off the UI thread and
// hands the dashboard the engine's snapshots, at most ten times a second.
class LoadTestController : public QObject
{
    Q_OBJECT
public:
    explicit LoadTestController(loadtest::ScratchServerFactory scratchServers, QObject *parent = nullptr);
    ~LoadTestController() override;

    bool isBusy() const { return m_worker.joinable(); }
    void start(const LoadTestRequest &request);
    void runSelfTest(const loadtest::LoadProfile &profile);
    // Asks the run to stop; it still audits what it did and writes its report.
    void stop();

Q_SIGNALS:
    void snapshotChanged(const javumbo::loadtest::RunSnapshot &snapshot);
    void finished(const javumbo::gui::LoadTestOutcome &outcome);
    void selfTestRowFinished(const javumbo::loadtest::SelfTestRow &row, int index, int total);
    void selfTestFinished(const QList<javumbo::loadtest::SelfTestRow> &rows);
    void busyChanged(bool busy);

private:
    void poll();
    void joinWorker();
    void runInWorker(LoadTestRequest request);

    loadtest::ScratchServerFactory m_scratchServers;
    QTimer *m_poll;
    std::thread m_worker;
    std::mutex m_runnerMutex;
    std::shared_ptr<loadtest::LoadTestRunner> m_runner; // while a run is on
    bool m_stopRequested = false;
    double m_lastElapsedS = -1;
    int m_lastPhase = -1;
};

} // namespace javumbo::gui

Q_DECLARE_METATYPE(javumbo::loadtest::RunSnapshot)
Q_DECLARE_METATYPE(javumbo::gui::LoadTestOutcome)
Q_DECLARE_METATYPE(javumbo::loadtest::SelfTestRow)
