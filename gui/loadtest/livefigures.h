#pragma once

#include "integrity/integrityreport.h"
#include "loadtest/runsnapshot.h"

#include <QWidget>

#include <optional>

class QLabel;

namespace javumbo::gui {

// The plan's monitoring figures as large live numbers, and the integrity
// lane (acknowledged, verified, pending, violated) beside the verdict.
class LiveFigures : public QWidget
{
    Q_OBJECT
public:
    explicit LiveFigures(QWidget *parent = nullptr);

    void reset();
    // Until the run finishes the verdict reads "clean so far" or "FAILING".
    void draw(const loadtest::RunSnapshot &snapshot);
    // The final verdict; none when the run could not happen (ERROR).
    void showVerdict(std::optional<integrity::Verdict> verdict);
    QString verdictText() const;

private:
    QLabel *m_elapsed;
    QLabel *m_writers;
    QLabel *m_reviewers;
    QLabel *m_cards;
    QLabel *m_errors;
    QLabel *m_acknowledged;
    QLabel *m_verified;
    QLabel *m_pending;
    QLabel *m_violated;
    QLabel *m_verdict;
};

} // namespace javumbo::gui
