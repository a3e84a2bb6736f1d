#include "loadtestpage.h"

#include "checkstable.h"
#include "dashboardstyle.h"
#include "livecharts.h"
#include "livefigures.h"
#include "loadtest/runreport.h"
#include "loadtest/statusline.h"
#include "loadtestform.h"
#include "selftestdialog.h"

#include <QAction>
#include <QDesktopServices>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

namespace {

QTableWidget *table(const QStringList &headers)
{
    auto *widget = new QTableWidget;
    dashboard::setUpTable(widget, headers);
    return widget;
}

} // namespace

LoadTestPage::LoadTestPage(QWidget *parent)
    : QWidget(parent)
    , m_form(new LoadTestForm)
    , m_run(new QPushButton(u"Run load test"_s))
    , m_stop(new QPushButton(u"Stop"_s))
    , m_openReport(new QPushButton(u"Open report"_s))
    , m_selfTest(new QPushButton(u"Checker self-test"_s))
    , m_progress(new QProgressBar)
    , m_eta(new QLabel)
    , m_phase(new QLabel)
    , m_figures(new LiveFigures)
    , m_charts(new LiveCharts)
    , m_checks(new ChecksTable)
    , m_violations(
          table({u"Class"_s, u"User"_s, u"Card"_s, u"Tag"_s, u"Op #"_s, u"Request id"_s, u"Detail"_s}))
    , m_thresholds(table({u"Threshold"_s, u"Observed"_s, u"Result"_s}))
{
    setObjectName(u"loadTestPage"_s);
    m_run->setObjectName(u"runLoadTest"_s);
    // Page-scoped actions (like every page's): Ctrl+R means "run" here and "start the server" on the server
    // page.
    const auto addShortcut = [this](const QString &text, const QKeySequence &key, QPushButton *button) {
        auto *action = new QAction(text, this);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(action, &QAction::triggered, button, &QPushButton::click);
        addAction(action);
        button->setToolTip(u"%1 (%2)"_s.arg(text, key.toString(QKeySequence::NativeText)));
    };
    addShortcut(u"Run the load test"_s, QKeySequence(u"Ctrl+R"_s), m_run);
    addShortcut(u"Stop the run (it still audits what it did)"_s, QKeySequence(u"Ctrl+."_s), m_stop);
    addShortcut(u"Open the report"_s, QKeySequence(u"Ctrl+Shift+O"_s), m_openReport);
    addShortcut(u"Run the checker's self-test"_s, QKeySequence(u"Ctrl+Shift+T"_s), m_selfTest);
    m_openReport->setEnabled(false);
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);

    // Left: the profile and the actions.
    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    auto *profileBox = new QGroupBox(u"Profile"_s);
    auto *profileLayout = new QVBoxLayout(profileBox);
    profileLayout->addWidget(m_form);
    leftLayout->addWidget(profileBox);
    auto *buttons = new QGridLayout;
    buttons->addWidget(m_run, 0, 0);
    buttons->addWidget(m_stop, 0, 1);
    buttons->addWidget(m_openReport, 1, 0);
    buttons->addWidget(m_selfTest, 1, 1);
    leftLayout->addLayout(buttons);
    leftLayout->addStretch();
    auto *leftScroll = new QScrollArea;
    leftScroll->setWidget(left);
    leftScroll->setWidgetResizable(true);
    leftScroll->setMinimumWidth(left->sizeHint().width() + 24);

    // Right: the live run.
    auto *right = new QWidget;
    auto *rightLayout = new QVBoxLayout(right);
    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_phase);
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_eta);
    rightLayout->addLayout(progressRow);

    rightLayout->addWidget(m_figures);
    rightLayout->addWidget(m_charts, 1);

    auto *tabs = new QTabWidget;
    tabs->addTab(m_checks, u"Checks"_s);
    tabs->addTab(m_violations, u"Violations"_s);
    tabs->addTab(m_thresholds, u"Thresholds"_s);
    tabs->setMinimumHeight(180);
    rightLayout->addWidget(tabs, 1);

    auto *splitter = new QSplitter;
    splitter->addWidget(leftScroll);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_run, &QPushButton::clicked, this, &LoadTestPage::run);
    connect(m_stop, &QPushButton::clicked, this, &LoadTestPage::stop);
    connect(m_openReport, &QPushButton::clicked, this, &LoadTestPage::openReport);
    connect(m_selfTest, &QPushButton::clicked, this, &LoadTestPage::runSelfTest);
    setScratchServerFactory({});
    m_form->loadSettings();
    resetLiveViews();
}

LoadTestPage::~LoadTestPage()
{
    m_form->saveSettings();
}

void LoadTestPage::setScratchServerFactory(loadtest::ScratchServerFactory factory)
{
    if (m_controller && m_controller->isBusy())
        return;
    delete m_controller;
    m_factory = std::move(factory);
    m_controller = new LoadTestController(m_factory, this);
    connect(m_controller, &LoadTestController::snapshotChanged, this, &LoadTestPage::draw);
    connect(m_controller, &LoadTestController::finished, this, &LoadTestPage::finish);
    connect(m_controller, &LoadTestController::busyChanged, this, &LoadTestPage::setBusy);
    setBusy(false);
}

void LoadTestPage::setBusy(bool busy)
{
    m_run->setEnabled(!busy);
    m_selfTest->setEnabled(!busy);
    m_form->setEnabled(!busy);
    m_stop->setEnabled(busy);
}

void LoadTestPage::resetLiveViews()
{
    m_figures->reset();
    m_progress->setValue(0);
    m_eta->setText(u"ETA --:--"_s);
    m_phase->setText(u"idle"_s);
    m_charts->clear();
    m_checks->reset();
    m_violations->setRowCount(0);
    m_thresholds->setRowCount(0);
}

void LoadTestPage::run()
{
    const Result<LoadTestRequest> request = m_form->request();
    if (!request) {
        QMessageBox::warning(this, u"Load test"_s, request.error().message);
        return;
    }
    LoadTestRequest ready = *request;
    ready.reportDir = loadtest::defaultRunDirectory();
    m_form->saveSettings();
    resetLiveViews();
    m_reportPath.clear();
    m_openReport->setEnabled(false);
    m_phase->setText(u"starting"_s);
    m_controller->start(ready);
}

void LoadTestPage::stop()
{
    m_controller->stop();
    m_phase->setText(u"stopping: auditing what ran"_s);
}

void LoadTestPage::draw(const loadtest::RunSnapshot &snapshot)
{
    m_phase->setText(loadtest::phaseName(snapshot.phase));
    m_progress->setValue(int(snapshot.progress * 1000));
    m_eta->setText(u"ETA "_s + (snapshot.etaS < 0 ? u"--:--"_s : loadtest::formatDuration(snapshot.etaS)));
    m_figures->draw(snapshot);
    m_charts->draw(snapshot.timeline);
    m_checks->draw(snapshot.checks, snapshot.violations);
    drawViolations(snapshot.violations);
}

void LoadTestPage::drawViolations(const QList<integrity::Violation> &violations)
{
    m_violations->setRowCount(int(violations.size()));
    for (int row = 0; row < violations.size(); ++row) {
        const integrity::Violation &v = violations[row];
        dashboard::setRow(m_violations, row,
            {integrity::violationClassName(v.violationClass), v.username,
                v.cardId ? QString::number(v.cardId) : QString(), v.tag,
                v.seq ? QString::number(v.seq) : QString(), v.requestId, v.detail},
            dashboard::colour(dashboard::Tone::Bad));
    }
}

void LoadTestPage::finish(const LoadTestOutcome &outcome)
{
    m_reportPath = outcome.reportPath;
    m_openReport->setEnabled(!m_reportPath.isEmpty());
    m_figures->showVerdict(outcome.verdict);
    m_progress->setValue(1000);
    m_phase->setText(u"finished: "_s + loadtest::exitName(outcome.exit));
    m_eta->setText(u"ETA 00:00"_s);
    m_thresholds->setRowCount(int(outcome.thresholds.size()));
    for (int row = 0; row < outcome.thresholds.size(); ++row) {
        const loadtest::ThresholdResult &threshold = outcome.thresholds[row];
        dashboard::setRow(m_thresholds, row,
            {threshold.expression, threshold.observed, threshold.passed ? u"ok"_s : u"FAILED"_s},
            dashboard::colour(threshold.passed ? dashboard::Tone::Good : dashboard::Tone::Bad));
    }
    if (!outcome.error.isEmpty() && outcome.exit == loadtest::RunExit::CouldNotRun)
        m_phase->setText(u"could not run: "_s + outcome.error);
    emit runFinished(outcome);
}

void LoadTestPage::openReport()
{
    if (!m_reportPath.isEmpty())
        QDesktopServices::openUrl(QUrl::fromLocalFile(m_reportPath));
}

void LoadTestPage::runSelfTest()
{
    (new SelfTestDialog(m_controller, this))->show();
    connect(
        m_controller, &LoadTestController::selfTestFinished, this,
        [this](const QList<loadtest::SelfTestRow> &rows) { emit selfTestFinished(loadtest::allRight(rows)); },
        Qt::SingleShotConnection);
    m_controller->runSelfTest(loadtest::LoadProfile::quick());
}

QString LoadTestPage::verdictText() const
{
    return m_figures->verdictText();
}

int LoadTestPage::chartPoints() const
{
    return m_charts->pointsDrawn();
}

int LoadTestPage::violationRows() const
{
    return m_violations->rowCount();
}

QString LoadTestPage::checkStatus(const QString &check) const
{
    return m_checks->status(check);
}

} // namespace javumbo::gui
