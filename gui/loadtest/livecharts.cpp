#include "livecharts.h"

#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QLineSeries>
#include <QValueAxis>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

namespace {

// The endpoints whose latency the plan watches. Login is left out: its cost is
// the deliberate password hash, and on one axis it would flatten the rest.
const QStringList ChartedEndpoints {u"add_card"_s, u"review_next"_s, u"review_answer"_s};

void fitAxis(QValueAxis *axis, double maximum)
{
    axis->setRange(0, std::max(1.0, maximum * 1.1));
    axis->applyNiceNumbers();
}

} // namespace

LiveCharts::LiveCharts(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    QChartView *throughput = nullptr;
    QChartView *latency = nullptr;
    m_throughput = makePlot(u"Requests and errors per second"_s, u"per second"_s, &throughput);
    m_latency = makePlot(u"p95 latency per endpoint (last second)"_s, u"ms"_s, &latency);
    layout->addWidget(throughput);
    layout->addWidget(latency);
}

LiveCharts::Plot LiveCharts::makePlot(const QString &title, const QString &yTitle, QChartView **view)
{
    Plot plot;
    plot.chart = new QChart;
    plot.chart->setTitle(title);
    plot.chart->legend()->setAlignment(Qt::AlignBottom);
    plot.chart->setMargins(QMargins(4, 4, 4, 4));
    plot.x = new QValueAxis;
    plot.x->setTitleText(u"seconds"_s);
    plot.x->setLabelFormat(u"%d"_s);
    plot.y = new QValueAxis;
    plot.y->setTitleText(yTitle);
    plot.y->setLabelFormat(u"%d"_s);
    plot.chart->addAxis(plot.x, Qt::AlignBottom);
    plot.chart->addAxis(plot.y, Qt::AlignLeft);
    fitAxis(plot.x, 10);
    fitAxis(plot.y, 10);
    *view = new QChartView(plot.chart, this);
    (*view)->setRenderHint(QPainter::Antialiasing);
    (*view)->setMinimumHeight(220);
    return plot;
}

QLineSeries *LiveCharts::series(Plot &plot, QMap<QString, QLineSeries *> &all, const QString &name)
{
    if (QLineSeries *existing = all.value(name))
        return existing;
    auto *line = new QLineSeries;
    line->setName(name);
    plot.chart->addSeries(line);
    line->attachAxis(plot.x);
    line->attachAxis(plot.y);
    all.insert(name, line);
    return line;
}

void LiveCharts::clear()
{
    for (QLineSeries *line : std::as_const(m_throughputSeries))
        line->clear();
    for (QLineSeries *line : std::as_const(m_latencySeries))
        line->clear();
    fitAxis(m_throughput.x, 10);
    fitAxis(m_latency.x, 10);
    m_drawn = 0;
}

void LiveCharts::draw(const QList<loadtest::TimelinePoint> &timeline)
{
    // The whole time line is redrawn from the snapshot: at most one point a
    // second, so replacing the series is cheaper than tracking what is new.
    QList<QPointF> requests, errors;
    QMap<QString, QList<QPointF>> latencies;
    double lastT = 1, maxRate = 1, maxLatency = 1;
    double previousT = 0;
    for (const loadtest::TimelinePoint &point : timeline) {
        const double interval = std::max(0.001, point.tS - previousT);
        previousT = point.tS;
        const double rate = double(point.requests) / interval;
        requests.append({point.tS, rate});
        errors.append({point.tS, double(point.errors) / interval});
        maxRate = std::max(maxRate, rate);
        lastT = std::max(lastT, point.tS);
        for (const auto &[op, ms] : point.windowP95Ms) {
            if (!ChartedEndpoints.contains(op) || ms <= 0)
                continue;
            latencies[op].append({point.tS, ms});
            maxLatency = std::max(maxLatency, ms);
        }
    }
    series(m_throughput, m_throughputSeries, u"requests/s"_s)->replace(requests);
    series(m_throughput, m_throughputSeries, u"errors/s"_s)->replace(errors);
    for (auto it = latencies.cbegin(); it != latencies.cend(); ++it)
        series(m_latency, m_latencySeries, it.key())->replace(it.value());
    fitAxis(m_throughput.x, lastT);
    fitAxis(m_latency.x, lastT);
    fitAxis(m_throughput.y, maxRate);
    fitAxis(m_latency.y, maxLatency);
    m_drawn = int(timeline.size());
}

} // namespace javumbo::gui
