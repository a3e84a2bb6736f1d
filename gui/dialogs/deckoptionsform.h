#pragma once

#include "common/result.h"
#include "scheduling/deckconfig.h"

#include <QTabWidget>

class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;

namespace javumbo::gui {

// The options of one preset in Anki's four tabs (New cards, Reviews,
// Lapses, General), each field limited to Anki's range. Percentages and
// days as Anki's dialog shows them; DeckConfig as stored.
class DeckOptionsForm : public QTabWidget
{
    Q_OBJECT
public:
    explicit DeckOptionsForm(QWidget *parent = nullptr);

    void setConfig(const scheduling::DeckConfig &config);
    // InvalidOptions naming the field when a step list cannot be read.
    Result<scheduling::DeckConfig> config() const;

Q_SIGNALS:
    void edited();

private:
    QSpinBox *days(const QString &name, int minimum, int maximum);
    QSpinBox *count(const QString &name, int minimum, int maximum);
    QDoubleSpinBox *percent(const QString &name, double minimum, double maximum);

    QLineEdit *m_learnSteps;
    QSpinBox *m_graduating;
    QSpinBox *m_easyInterval;
    QDoubleSpinBox *m_startingEase;
    QSpinBox *m_newPerDay;
    QSpinBox *m_reviewsPerDay;
    QDoubleSpinBox *m_easyBonus;
    QDoubleSpinBox *m_intervalModifier;
    QDoubleSpinBox *m_hardInterval;
    QSpinBox *m_maximumInterval;
    QLineEdit *m_relearnSteps;
    QDoubleSpinBox *m_newInterval;
    QSpinBox *m_minimumInterval;
    QSpinBox *m_leechThreshold;
    QComboBox *m_leechAction;
    QSpinBox *m_maxAnswerSeconds;
};

} // namespace javumbo::gui
