#pragma once

#include "loadtest/runsnapshot.h"

#include <QMap>
#include <QWidget>

class QChart;
class QChartView;
class QLineSeries;
class QValueAxis;

namespace javumbo::gui {

// The run's live charts from its time line: requests and errors per second,
// and p95 latency per endpoint over the last second.
class LiveCharts : public QWidget
{
    Q_OBJECT
public:
    explicit LiveCharts(QWidget *parent = nullptr);

    void clear();
    void draw(const QList<loadtest::TimelinePoint> &timeline);
    int pointsDrawn() const { return m_drawn; }

private:
    struct Plot
    {
        QChart *chart = nullptr;
        QValueAxis *x = nullptr;
        QValueAxis *y = nullptr;
    };
    Plot makePlot(const QString &title, const QString &yTitle, QChartView **view);
    QLineSeries *series(Plot &plot, QMap<QString, QLineSeries *> &all, const QString &name);

    Plot m_throughput;
    Plot m_latency;
    QMap<QString, QLineSeries *> m_throughputSeries;
    QMap<QString, QLineSeries *> m_latencySeries;
    int m_drawn = 0;
};

} // namespace javumbo::gui
