#include "statsview.h"

#include "client/clientcontext.h"
#include "client/errormessages.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPieSeries>
#include <QSettings>
#include <QVBoxLayout>
#include <QValueAxis>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

namespace {

// Charts take the widget palette's colours, so they follow a light or dark desktop.
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

QChartView *chartView(QWidget *parent, const QString &objectName)
{
    auto *view = new QChartView(parent);
    view->setObjectName(objectName);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(220);
    return view;
}

// A bar chart of one day series. Bars need a category axis, but a month of
// category labels does not fit; so the categories stay hidden and a value
// axis over the same span carries a few day numbers. `firstDay` is the day
// of bar 0 relative to today (negative for history).
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

} // namespace

StatsView::StatsView(ClientContext *context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_range(new QComboBox(this))
    , m_today(new QLabel(this))
    , m_reviewChart(chartView(this, u"reviewChart"_s))
    , m_forecastChart(chartView(this, u"forecastChart"_s))
    , m_statesChart(chartView(this, u"statesChart"_s))
{
    m_range->addItem(u"1 week"_s, 7);
    m_range->addItem(u"1 month"_s, 30);
    m_range->addItem(u"3 months"_s, 90);
    m_range->setCurrentIndex(std::max(0, m_range->findData(QSettings().value(u"stats/days"_s, 30))));
    connect(m_range, &QComboBox::currentIndexChanged, this, [this] {
        QSettings().setValue(u"stats/days"_s, m_range->currentData());
        refresh();
    });
    m_today->setObjectName(u"todaySummary"_s);
    m_today->setWordWrap(true);
    QFont larger = m_today->font();
    larger.setPointSize(larger.pointSize() + 2);
    m_today->setFont(larger);

    auto *top = new QHBoxLayout;
    top->addWidget(m_today, 1);
    top->addWidget(new QLabel(u"Period:"_s, this));
    top->addWidget(m_range);
    auto *grid = new QGridLayout;
    grid->addWidget(m_reviewChart, 0, 0);
    grid->addWidget(m_forecastChart, 0, 1);
    grid->addWidget(m_statesChart, 1, 0, 1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(grid, 1);

    connect(m_context, &ClientContext::clientChanged, this, &StatsView::refresh);
    connect(m_context, &ClientContext::collectionChanged, this, [this] {
        if (isVisible())
            refresh();
        else
            m_stale = true;
    });
}

void StatsView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        refresh();
}

void StatsView::refresh()
{
    m_stale = false;
    if (!m_context->hasClient())
        return;
    const int days = m_range->currentData().toInt();
    m_loading = true;
    m_context->call(
        this,
        [days](CollectionClient &client) -> Result<Data> {
            auto overview = client.stats();
            if (!overview)
                return overview.error();
            auto reviews = client.reviewsPerDay(days);
            if (!reviews)
                return reviews.error();
            auto forecast = client.dueForecast(days);
            if (!forecast)
                return forecast.error();
            return Data {overview.value(), reviews.value(), forecast.value()};
        },
        [this](Result<Data> loaded) {
            m_loading = false;
            if (!loaded) {
                m_today->setText(errorMessage(loaded.error()));
                return;
            }
            display(loaded.value());
        });
}

void StatsView::display(const Data &shown)
{
    m_reviews = shown.reviews;
    m_forecast = shown.forecast;
    const auto &o = shown.overview;
    m_today->setText(
        u"Today: %1 reviews, %2 cards due. Collection: %3 cards in %4 decks."_s.arg(o.reviewsToday)
            .arg(o.dueToday)
            .arg(o.cards)
            .arg(o.decks));

    const QPalette pal = palette();
    const int days = int(shown.reviews.size());
    QChart *reviews = dayChart(u"Reviews per day"_s, u"days ago (0 = today)"_s, shown.reviews, 1 - days,
        pal.color(QPalette::Highlight));
    QChart *forecast
        = dayChart(u"Due in the coming days"_s, u"days from today (overdue cards count as today)"_s,
            shown.forecast, 0, pal.color(QPalette::Highlight).darker(130));

    auto *states = new QPieSeries;
    const std::pair<QString, qint64> slices[] = {{u"New"_s, o.newCards}, {u"Learning"_s, o.learningCards},
        {u"Review"_s, o.reviewCards}, {u"Suspended"_s, o.suspendedCards}};
    for (const auto &[name, count] : slices) {
        if (count > 0)
            states->append(u"%1: %2"_s.arg(name).arg(count), double(count));
    }
    states->setLabelsVisible(true);
    for (QPieSlice *slice : states->slices())
        slice->setLabelColor(pal.color(QPalette::Text));
    auto *statesChart = new QChart;
    statesChart->setTitle(u"Cards by state"_s);
    statesChart->addSeries(states);
    statesChart->legend()->setAlignment(Qt::AlignRight);

    for (auto [view, chart] : {std::pair {m_reviewChart, reviews}, std::pair {m_forecastChart, forecast},
             std::pair {m_statesChart, statesChart}}) {
        applyPalette(chart, pal);
        QChart *old = view->chart();
        view->setChart(chart);
        delete old; // setChart() leaves the old chart to us
    }
}

} // namespace javumbo::gui
