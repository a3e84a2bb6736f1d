#pragma once

#include "loadtestcontroller.h"

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace javumbo::gui {

class ChecksTable;
class LiveCharts;
class LiveFigures;
class LoadTestForm;

// The load-test dashboard: the profile form, Run and Stop, a progress bar
// with ETA, the plan's monitoring figures as large live numbers, live charts,
// the integrity lane in green or red, a checks table that turns green or red
// as checks complete, every violation with its request id, "Open report" and
// the checker's self-test. Draws the engine's snapshots, at most ten a second.
class LoadTestPage : public QWidget
{
    Q_OBJECT
public:
    explicit LoadTestPage(QWidget *parent = nullptr);
    ~LoadTestPage() override;

    // How runs get a scratch server (app/ provides it: gui/ cannot start one itself).
    void setScratchServerFactory(loadtest::ScratchServerFactory factory);
    LoadTestForm *form() const { return m_form; }
    LoadTestController *controller() const { return m_controller; }
    // What the page shows, for tests and screenshots.
    QString verdictText() const;
    QString reportPath() const { return m_reportPath; }
    int violationRows() const;
    int chartPoints() const;
    bool isRunning() const { return m_controller && m_controller->isBusy(); }
    QString checkStatus(const QString &check) const;

public Q_SLOTS:
    void run();
    void stop();
    void openReport();
    void runSelfTest();

Q_SIGNALS:
    void runFinished(const javumbo::gui::LoadTestOutcome &outcome);
    void selfTestFinished(bool allRight);

private:
    void draw(const loadtest::RunSnapshot &snapshot);
    void drawViolations(const QList<integrity::Violation> &violations);
    void finish(const LoadTestOutcome &outcome);
    void setBusy(bool busy);
    void resetLiveViews();

    LoadTestController *m_controller = nullptr;
    LoadTestForm *m_form;
    QPushButton *m_run;
    QPushButton *m_stop;
    QPushButton *m_openReport;
    QPushButton *m_selfTest;
    QProgressBar *m_progress;
    QLabel *m_eta;
    QLabel *m_phase;
    LiveFigures *m_figures;
    LiveCharts *m_charts;
    ChecksTable *m_checks;
    QTableWidget *m_violations;
    QTableWidget *m_thresholds;
    QString m_reportPath;
    loadtest::ScratchServerFactory m_factory;
};

} // namespace javumbo::gui
