#include "statscharts.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHeaderView>
#include <QPieSeries>
#include <QTableWidget>
#include <QValueAxis>

using namespace Qt::StringLiterals;

namespace javumbo::gui::statscharts {

namespace {

QString percentOf(qint64 part, qint64 whole)
{
    return whole ? u"%1%"_s.arg(QString::number(100.0 * double(part) / double(whole), 'f', 1)) : u"–"_s;
}

void setRow(QTableWidget *table, int row, const QStringList &cells)
{
    for (int column = 0; column < cells.size(); ++column) {
        auto *item = new QTableWidgetItem(cells.at(column));
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        table->setItem(row, column, item);
    }
}

} // namespace

QChartView *chartView(QWidget *parent, const QString &objectName)
{
    auto *view = new QChartView(parent);
    view->setObjectName(objectName);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(200);
    view->setMinimumWidth(160);
    return view;
}

void applyPalette(QChart *chart, const QPalette &palette)
{
    chart->setBackgroundBrush(palette.brush(QPalette::Base));
    chart->setTitleBrush(palette.brush(QPalette::Text));
    chart->legend()->setLabelColor(palette.color(QPalette::Text));
    for (QAbstractAxis *axis : chart->axes()) {
        axis->setLabelsColor(palette.color(QPalette::Text));
        axis->setTitleBrush(palette.brush(QPalette::Text));
        axis->setLinePenColor(palette.color(QPalette::Mid));
        axis->setGridLineColor(palette.color(QPalette::Midlight));
    }
}

// Bars need a category axis, but a month of category labels does not fit; so
// the categories stay hidden and a value axis over the same span carries a few day numbers.
QChart *dayChart(const QString &title, const QString &axisTitle, const collection::DayCounts &counts,
    int firstDay, const QColor &colour)
{
    auto *set = new QBarSet(title);
    set->setColor(colour);
    set->setBorderColor(colour);
    QStringList categories;
    qint64 highest = 0;
    for (int i = 0; i < counts.size(); ++i) {
        *set << double(counts.at(i));
        highest = std::max(highest, counts.at(i));
        categories << QString::number(firstDay + i);
    }
    auto *series = new QBarSeries;
    series->append(set);
    series->setBarWidth(0.8);
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->addSeries(series);
    auto *categoryAxis = new QBarCategoryAxis;
    categoryAxis->append(categories);
    categoryAxis->setVisible(false);
    auto *days = new QValueAxis;
    const int span = int(counts.size());
    days->setRange(firstDay - 0.5, firstDay + span - 0.5);
    days->setTickType(QValueAxis::TicksDynamic);
    days->setTickAnchor(0);
    days->setTickInterval(span > 40 ? 14 : span > 14 ? 7 : 1);
    days->setLabelFormat(u"%d"_s);
    days->setTitleText(axisTitle);
    days->setGridLineVisible(false);
    auto *y = new QValueAxis;
    y->setRange(0, double(std::max<qint64>(highest, 4)) * 1.1);
    y->setLabelFormat(u"%d"_s);
    y->setTickCount(5);
    y->applyNiceNumbers(); // ticks on round counts
    chart->addAxis(categoryAxis, Qt::AlignBottom);
    chart->addAxis(days, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(categoryAxis);
    series->attachAxis(y);
    chart->legend()->hide();
    return chart;
}

QChart *statesChart(const collection::DeckStatsReport &report, const QPalette &palette)
{
    auto *states = new QPieSeries;
    const std::pair<QString, qint64> slices[]
        = {{u"New"_s, report.newCards}, {u"Learning"_s, report.learningCards},
            {u"Review"_s, report.reviewCards}, {u"Suspended"_s, report.suspendedCards}};
    for (const auto &[name, count] : slices) {
        if (count > 0)
            states->append(u"%1: %2"_s.arg(name).arg(count), double(count));
    }
    states->setLabelsVisible(true);
    for (QPieSlice *slice : states->slices())
        slice->setLabelColor(palette.color(QPalette::Text));
    auto *chart = new QChart;
    chart->setTitle(u"Cards by state"_s);
    chart->addSeries(states);
    chart->legend()->setAlignment(Qt::AlignRight);
    return chart;
}

QTableWidget *figureTable(
    QWidget *parent, const QString &objectName, const QStringList &columns, const QStringList &rows)
{
    auto *table = new QTableWidget(int(rows.size()), int(columns.size()), parent);
    table->setObjectName(objectName);
    table->setHorizontalHeaderLabels(columns);
    table->setVerticalHeaderLabels(rows);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionMode(QAbstractItemView::NoSelection);
    table->setFocusPolicy(Qt::NoFocus);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Exactly as tall as its rows: the page scrolls, never the table.
    const int height = table->horizontalHeader()->sizeHint().height()
        + int(rows.size()) * table->verticalHeader()->defaultSectionSize() + 2 * table->frameWidth();
    table->setFixedHeight(height);
    table->setMinimumWidth(240);
    return table;
}

void fillButtons(QTableWidget *table, const collection::AnswerButtonCounts &buttons)
{
    const std::array<qint64, 4> *rows[] = {&buttons.learning, &buttons.young, &buttons.mature};
    for (int row = 0; row < 3; ++row) {
        const auto &counts = *rows[row];
        const qint64 total = counts[0] + counts[1] + counts[2] + counts[3];
        setRow(table, row,
            {QString::number(counts[0]), QString::number(counts[1]), QString::number(counts[2]),
                QString::number(counts[3]), percentOf(total - counts[0], total)});
    }
}

void fillRetention(QTableWidget *table, const collection::RetentionCounts &retention)
{
    const qint64 passed[]
        = {retention.youngPassed, retention.maturePassed, retention.youngPassed + retention.maturePassed};
    const qint64 totals[]
        = {retention.youngTotal, retention.matureTotal, retention.youngTotal + retention.matureTotal};
    for (int row = 0; row < 3; ++row) {
        setRow(table, row,
            {QString::number(passed[row]), QString::number(totals[row] - passed[row]),
                percentOf(passed[row], totals[row])});
    }
}

} // namespace javumbo::gui::statscharts
