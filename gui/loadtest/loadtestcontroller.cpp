#include "loadtestcontroller.h"

#include "loadtest/runreport.h"

#include <QDir>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

namespace {

constexpr int RedrawIntervalMs = 100; // ten times a second at most (docs/architecture.md §5)

} // namespace

LoadTestController::LoadTestController(loadtest::ScratchServerFactory scratchServers, QObject *parent)
    : QObject(parent), m_scratchServers(std::move(scratchServers)), m_poll(new QTimer(this))
{
    qRegisterMetaType<loadtest::RunSnapshot>();
    qRegisterMetaType<LoadTestOutcome>();
    qRegisterMetaType<loadtest::SelfTestRow>();
    m_poll->setInterval(RedrawIntervalMs);
    connect(m_poll, &QTimer::timeout, this, &LoadTestController::poll);
}

LoadTestController::~LoadTestController()
{
    stop();
    joinWorker();
}

void LoadTestController::joinWorker()
{
    if (m_worker.joinable())
        m_worker.join();
}

void LoadTestController::start(const LoadTestRequest &request)
{
    if (isBusy())
        return;
    m_stopRequested = false;
    m_lastElapsedS = -1;
    m_lastPhase = -1;
    m_worker = std::thread([this, request] { runInWorker(request); });
    m_poll->start();
    emit busyChanged(true);
}

void LoadTestController::runInWorker(LoadTestRequest request)
{
    LoadTestOutcome outcome;
    std::unique_ptr<loadtest::ScratchServer> scratch;
    loadtest::RunTarget target;
    if (request.target.isEmpty()) {
        auto started = m_scratchServers ? m_scratchServers(request.fault, false)
                                        : makeError(ErrorCode::Internal, u"no embedded server available"_s);
        if (!started) {
            outcome.error = started.error().message;
        } else {
            scratch = std::move(started.value());
            target = scratch->target();
        }
    } else {
        target.host = request.target.host();
        target.port = quint16(request.target.port(80));
        target.description = request.target.toString();
    }
    if (outcome.error.isEmpty()) {
        auto runner = std::make_shared<loadtest::LoadTestRunner>(request.profile, target, request.thresholds);
        {
            std::lock_guard lock(m_runnerMutex);
            m_runner = runner;
            if (m_stopRequested)
                runner->requestStop();
        }
        loadtest::RunRecord record {request.profile, target, runner->run()};
        outcome.exit = record.result.exit;
        outcome.verdict = record.result.integrity.verdict;
        outcome.error = record.result.error;
        outcome.thresholds = record.result.thresholds;
        const bool keepFiles = scratch != nullptr; // the scratch directory goes with its server
        if (auto written = loadtest::writeRunReport(request.reportDir, record, keepFiles); written)
            outcome.reportPath = QDir(request.reportDir).filePath(u"report.html"_s);
        else if (outcome.error.isEmpty())
            outcome.error = written.error().message;
    }
    scratch.reset();
    QMetaObject::invokeMethod(
        this,
        [this, outcome] {
            poll(); // the final snapshot
            m_poll->stop();
            joinWorker();
            {
                std::lock_guard lock(m_runnerMutex);
                m_runner.reset();
            }
            emit finished(outcome);
            emit busyChanged(false);
        },
        Qt::QueuedConnection);
}

void LoadTestController::runSelfTest(const loadtest::LoadProfile &profile)
{
    if (isBusy())
        return;
    m_worker = std::thread([this, profile] {
        const QList<loadtest::SelfTestRow> rows = loadtest::runSelfTest(
            profile, m_scratchServers, [this](const loadtest::SelfTestRow &row, int index, int total) {
                QMetaObject::invokeMethod(
                    this, [this, row, index, total] { emit selfTestRowFinished(row, index, total); },
                    Qt::QueuedConnection);
            });
        QMetaObject::invokeMethod(
            this,
            [this, rows] {
                joinWorker();
                emit selfTestFinished(rows);
                emit busyChanged(false);
            },
            Qt::QueuedConnection);
    });
    emit busyChanged(true);
}

void LoadTestController::stop()
{
    std::lock_guard lock(m_runnerMutex);
    m_stopRequested = true;
    if (m_runner)
        m_runner->requestStop();
}

void LoadTestController::poll()
{
    std::shared_ptr<loadtest::LoadTestRunner> runner;
    {
        std::lock_guard lock(m_runnerMutex);
        runner = m_runner;
    }
    if (!runner)
        return;
    const loadtest::RunSnapshot snapshot = runner->snapshot();
    // The engine publishes once a second: redraw only what changed.
    if (snapshot.elapsedS == m_lastElapsedS && int(snapshot.phase) == m_lastPhase)
        return;
    m_lastElapsedS = snapshot.elapsedS;
    m_lastPhase = int(snapshot.phase);
    emit snapshotChanged(snapshot);
}

} // namespace javumbo::gui
