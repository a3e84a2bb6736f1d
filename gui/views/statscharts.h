#pragma once

#include "collection/deckstats.h"

#include <QColor>
#include <QPalette>
#include <QString>

QT_FORWARD_DECLARE_CLASS(QChart)
QT_FORWARD_DECLARE_CLASS(QChartView)
class QTableWidget;
class QWidget;

// The Statistics page's charts and tables, built from one DeckStatsReport.
namespace javumbo::gui::statscharts {

QChartView *chartView(QWidget *parent, const QString &objectName);
// Charts take the widget palette's colours, so they follow a light or dark theme.
void applyPalette(QChart *chart, const QPalette &palette);
// A bar chart of one day series; `firstDay` is the day of bar 0 relative to today (negative for history).
QChart *dayChart(const QString &title, const QString &axisTitle, const collection::DayCounts &counts,
    int firstDay, const QColor &colour);
// New, learning, review and suspended cards as a pie.
QChart *statesChart(const collection::DeckStatsReport &report, const QPalette &palette);
// Answer buttons (rows Learning, Young, Mature; columns Again … Easy and % correct) and
// Anki's True Retention (rows Young, Mature, Total; columns Passed, Failed, Retention).
void fillButtons(QTableWidget *table, const collection::AnswerButtonCounts &buttons);
void fillRetention(QTableWidget *table, const collection::RetentionCounts &retention);
QTableWidget *figureTable(
    QWidget *parent, const QString &objectName, const QStringList &columns, const QStringList &rows);

} // namespace javumbo::gui::statscharts
