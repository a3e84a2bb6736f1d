#include "loadtestpage.h"

#include "livecharts.h"
#include "loadtest/runreport.h"
#include "loadtest/statusline.h"
#include "loadtestform.h"

#include <QAction>
#include <QDateTime>
#include <QDesktopServices>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

namespace {

// Green and red that read on light and dark palettes alike; everything else follows the palette.
const QColor Good(0x2e, 0x9d, 0x4f);
const QColor Bad(0xd3, 0x2f, 0x2f);
const QColor Unsure(0xc7, 0x8a, 0x00);

// The checks of the audit, in the order the checker reports them, and the
// check each violation class fails (so a row turns red the moment one is found).
const QStringList CheckNames {u"lost"_s, u"misplaced"_s, u"phantom"_s, u"duplicated"_s, u"mismatched"_s,
    u"info_resolved"_s, u"revlog"_s, u"reps"_s, u"session_mixup"_s, u"session_after_logout"_s,
    u"identities"_s, u"database_files"_s, u"integrity_check"_s, u"server_errors"_s};

QString checkOf(integrity::ViolationClass violationClass)
{
    switch (violationClass) {
    case integrity::ViolationClass::RevlogMismatch:
        return u"revlog"_s;
    case integrity::ViolationClass::RepsMismatch:
        return u"reps"_s;
    case integrity::ViolationClass::DuplicateIdentity:
        return u"identities"_s;
    case integrity::ViolationClass::ServerError:
        return u"server_errors"_s;
    default:
        return integrity::violationClassName(violationClass);
    }
}

QLabel *bigNumber(QGridLayout *grid, int column, const QString &caption, int row = 0)
{
    auto *value = new QLabel(u"–"_s);
    QFont font = value->font();
    font.setPointSizeF(font.pointSizeF() * 2.2);
    font.setBold(true);
    value->setFont(font);
    value->setAlignment(Qt::AlignCenter);
    auto *label = new QLabel(caption);
    label->setAlignment(Qt::AlignCenter);
    grid->addWidget(value, row, column);
    grid->addWidget(label, row + 1, column);
    return value;
}

void paint(QLabel *label, const QColor &colour)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, colour);
    label->setPalette(palette);
}

QTableWidget *table(const QStringList &headers)
{
    auto *widget = new QTableWidget(0, int(headers.size()));
    widget->setHorizontalHeaderLabels(headers);
    widget->horizontalHeader()->setStretchLastSection(true);
    widget->verticalHeader()->hide();
    widget->setEditTriggers(QAbstractItemView::NoEditTriggers);
    widget->setSelectionBehavior(QAbstractItemView::SelectRows);
    widget->setWordWrap(false);
    return widget;
}

void setRow(QTableWidget *widget, int row, const QStringList &cells, const QColor &colour = {})
{
    for (int column = 0; column < cells.size(); ++column) {
        auto *item = new QTableWidgetItem(cells[column]);
        if (colour.isValid())
            item->setForeground(colour);
        widget->setItem(row, column, item);
    }
}

QString defaultReportDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/loadtest-runs/"_s
        + QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s);
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
    , m_verdict(new QLabel)
    , m_charts(new LiveCharts)
    , m_checks(table({u"Check"_s, u"Status"_s, u"Detail"_s}))
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
    m_verdict->setObjectName(u"verdict"_s);
    QFont verdictFont = m_verdict->font();
    verdictFont.setPointSizeF(verdictFont.pointSizeF() * 2.4);
    verdictFont.setBold(true);
    m_verdict->setFont(verdictFont);
    m_verdict->setAlignment(Qt::AlignCenter);
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

    auto *figures = new QGridLayout;
    m_elapsed = bigNumber(figures, 0, u"elapsed"_s);
    m_writers = bigNumber(figures, 1, u"writers"_s);
    m_reviewers = bigNumber(figures, 2, u"reviewers"_s);
    m_cards = bigNumber(figures, 3, u"cards created"_s);
    m_errors = bigNumber(figures, 4, u"errors"_s);
    rightLayout->addLayout(figures);

    auto *laneBox = new QGroupBox(u"Integrity lane: acknowledged cards"_s);
    auto *lane = new QGridLayout(laneBox);
    m_acknowledged = bigNumber(lane, 0, u"acknowledged"_s);
    m_verified = bigNumber(lane, 1, u"verified"_s);
    m_pending = bigNumber(lane, 2, u"pending"_s);
    m_violated = bigNumber(lane, 3, u"violated"_s);
    lane->addWidget(m_verdict, 0, 4, 2, 1);
    lane->setColumnMinimumWidth(4, 160);
    rightLayout->addWidget(laneBox);
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
    for (QLabel *label : {m_elapsed, m_writers, m_reviewers, m_cards, m_errors, m_acknowledged, m_verified,
             m_pending, m_violated})
        label->setText(u"–"_s);
    m_verdict->setText(u"–"_s);
    m_progress->setValue(0);
    m_eta->setText(u"ETA --:--"_s);
    m_phase->setText(u"idle"_s);
    m_charts->clear();
    m_checks->setRowCount(int(CheckNames.size()));
    for (int row = 0; row < CheckNames.size(); ++row)
        setRow(m_checks, row, {CheckNames[row], u"pending"_s, QString()});
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
    ready.reportDir = defaultReportDir();
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
    m_elapsed->setText(loadtest::formatDuration(snapshot.elapsedS));
    m_writers->setText(QString::number(snapshot.activeWriters));
    m_reviewers->setText(QString::number(snapshot.activeReviewers));
    m_cards->setText(QString::number(snapshot.cardsCreated));
    m_errors->setText(QString::number(snapshot.errors));
    paint(m_errors, snapshot.errors > 0 ? Bad : palette().color(QPalette::WindowText));
    const integrity::Lane &lane = snapshot.lane;
    m_acknowledged->setText(QString::number(lane.acknowledged));
    m_verified->setText(QString::number(lane.verified));
    m_pending->setText(QString::number(lane.pending));
    m_violated->setText(QString::number(lane.violated + 0));
    const bool violated = lane.violated > 0 || !snapshot.violations.isEmpty();
    paint(m_verified, Good);
    paint(m_violated, violated ? Bad : Good);
    if (snapshot.phase != loadtest::RunSnapshot::Phase::Finished) {
        m_verdict->setText(violated ? u"FAILING"_s : u"clean so far"_s);
        paint(m_verdict, violated ? Bad : Good);
    }
    m_charts->draw(snapshot.timeline);
    drawChecks(snapshot);
    drawViolations(snapshot.violations);
}

void LoadTestPage::drawChecks(const loadtest::RunSnapshot &snapshot)
{
    // Before the audit: a row turns red as soon as a violation of its class is found.
    QMap<QString, integrity::CheckOutcome> outcomes;
    for (const integrity::CheckOutcome &check : snapshot.checks)
        outcomes.insert(check.name, check);
    QMap<QString, int> found;
    for (const integrity::Violation &violation : snapshot.violations)
        ++found[checkOf(violation.violationClass)];
    QStringList names = CheckNames;
    for (const integrity::CheckOutcome &check : snapshot.checks) {
        if (!names.contains(check.name))
            names.append(check.name);
    }
    m_checks->setRowCount(int(names.size()));
    for (int row = 0; row < names.size(); ++row) {
        const QString &name = names[row];
        if (outcomes.contains(name)) {
            const integrity::CheckOutcome &check = outcomes[name];
            const QColor colour = check.status == integrity::CheckStatus::Pass ? Good
                : check.status == integrity::CheckStatus::Fail                 ? Bad
                                                                               : Unsure;
            setRow(m_checks, row, {name, integrity::checkStatusName(check.status), check.detail}, colour);
        } else if (found.value(name) > 0) {
            setRow(m_checks, row, {name, u"fail"_s, u"%1 violation(s) so far"_s.arg(found.value(name))}, Bad);
        } else {
            setRow(m_checks, row, {name, u"pending"_s, u"decided by the final audit"_s});
        }
    }
}

void LoadTestPage::drawViolations(const QList<integrity::Violation> &violations)
{
    m_violations->setRowCount(int(violations.size()));
    for (int row = 0; row < violations.size(); ++row) {
        const integrity::Violation &v = violations[row];
        setRow(m_violations, row,
            {integrity::violationClassName(v.violationClass), v.username,
                v.cardId ? QString::number(v.cardId) : QString(), v.tag,
                v.seq ? QString::number(v.seq) : QString(), v.requestId, v.detail},
            Bad);
    }
}

void LoadTestPage::finish(const LoadTestOutcome &outcome)
{
    m_reportPath = outcome.reportPath;
    m_openReport->setEnabled(!m_reportPath.isEmpty());
    m_verdict->setText(outcome.verdict.isEmpty() ? u"ERROR"_s : outcome.verdict);
    paint(m_verdict, outcome.verdict == u"PASS"_s ? Good : outcome.verdict == u"FAIL"_s ? Bad : Unsure);
    m_progress->setValue(1000);
    m_phase->setText(u"finished: "_s + loadtest::exitName(outcome.exit));
    m_eta->setText(u"ETA 00:00"_s);
    m_thresholds->setRowCount(int(outcome.thresholds.size()));
    for (int row = 0; row < outcome.thresholds.size(); ++row) {
        const loadtest::ThresholdResult &threshold = outcome.thresholds[row];
        setRow(m_thresholds, row,
            {threshold.expression, threshold.observed, threshold.passed ? u"ok"_s : u"FAILED"_s},
            threshold.passed ? Good : Bad);
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
    auto *dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(u"Checker self-test"_s);
    auto *text = new QPlainTextEdit(dialog);
    text->setObjectName(u"selfTestTable"_s);
    text->setReadOnly(true);
    text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    text->setPlainText(u"A short run on a correct scratch server (must PASS), then one per planted fault "
                       "(each must FAIL with the violation it causes)…\n"_s);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(close, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(text);
    layout->addWidget(close);
    dialog->resize(880, 360);
    dialog->show();

    const QPointer<QPlainTextEdit> output(text);
    auto rowConnection = std::make_shared<QMetaObject::Connection>();
    auto doneConnection = std::make_shared<QMetaObject::Connection>();
    *rowConnection = connect(m_controller, &LoadTestController::selfTestRowFinished, this,
        [output](const loadtest::SelfTestRow &row, int index, int total) {
            if (output) {
                output->appendPlainText(u"%1/%2 %3: %4 (%5)"_s.arg(index).arg(total).arg(
                    row.fault, row.verdict, row.right ? u"right"_s : u"WRONG"_s));
            }
        });
    *doneConnection = connect(m_controller, &LoadTestController::selfTestFinished, this,
        [this, output, rowConnection, doneConnection](const QList<loadtest::SelfTestRow> &rows) {
            disconnect(*rowConnection);
            disconnect(*doneConnection);
            const bool right = loadtest::allRight(rows);
            if (output) {
                output->setPlainText(loadtest::selfTestTable(rows) + u'\n'
                    + (right ? u"Every row right: the checker catches what it claims."_s
                             : u"SELF-TEST FAILED: a row is wrong."_s));
            }
            emit selfTestFinished(right);
        });
    m_controller->runSelfTest(loadtest::LoadProfile::quick());
}

QString LoadTestPage::verdictText() const
{
    return m_verdict->text();
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
    for (int row = 0; row < m_checks->rowCount(); ++row) {
        if (m_checks->item(row, 0) && m_checks->item(row, 0)->text() == check)
            return m_checks->item(row, 1)->text();
    }
    return {};
}

} // namespace javumbo::gui
