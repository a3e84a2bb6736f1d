#pragma once

#include "loadtestcontroller.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace javumbo::gui {

// The load test's profile as a form: users, writer/reviewer split, cards per
// writer, reviews per reviewer, ramp stages, pacing, duration, seed, target
// and a planted fault (clearly marked as a test of the checker). Remembers
// the last choices with QSettings.
class LoadTestForm : public QWidget
{
    Q_OBJECT
public:
    explicit LoadTestForm(QWidget *parent = nullptr);

    // The request the form describes; an error message when it is not valid.
    Result<LoadTestRequest> request() const;
    void setProfile(const loadtest::LoadProfile &profile);
    void setFault(Fault fault);
    void setTargetUrl(const QString &url); // empty: the embedded scratch server
    void saveSettings() const;
    void loadSettings();

private:
    void updateFaultWarning();

    loadtest::LoadProfile m_base; // what the form does not show (hot user, retries, ...)
    QSpinBox *m_users;
    QSpinBox *m_writerShare;
    QSpinBox *m_cardsMin;
    QSpinBox *m_cardsMax;
    QSpinBox *m_reviewsMin;
    QSpinBox *m_reviewsMax;
    QLineEdit *m_writerRamp;
    QDoubleSpinBox *m_stageSeconds;
    QSpinBox *m_reviewerStart;
    QSpinBox *m_reviewerStep;
    QSpinBox *m_thinkMin;
    QSpinBox *m_thinkMax;
    QDoubleSpinBox *m_duration;
    QLineEdit *m_seed;
    QComboBox *m_target;
    QLineEdit *m_url;
    QComboBox *m_fault;
    QLabel *m_faultWarning;
};

} // namespace javumbo::gui
