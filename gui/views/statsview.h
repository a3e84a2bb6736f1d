#pragma once

#include "collection/records.h"
#include "collection/studystats.h"

#include <QWidget>

class QComboBox;
class QLabel;

QT_FORWARD_DECLARE_CLASS(QChartView)

namespace javumbo::gui {

class ClientContext;

// Statistics of the open profile: today's reviews, card counts by state, the
// reviews of past days and the forecast of cards coming due, as charts.
class StatsView : public QWidget
{
    Q_OBJECT
public:
    explicit StatsView(ClientContext *context, QWidget *parent = nullptr);

    // The bars of each chart as last drawn (tests check the series are not empty).
    const collection::DayCounts &reviewSeries() const { return m_reviews; }
    const collection::DayCounts &forecastSeries() const { return m_forecast; }
    bool isLoading() const { return m_loading; }

public Q_SLOTS:
    void refresh();

protected:
    void showEvent(QShowEvent *event) override;

private:
    struct Data
    {
        collection::CollectionStats overview;
        collection::DayCounts reviews;
        collection::DayCounts forecast;
    };
    void display(const Data &shown);

    ClientContext *m_context;
    QComboBox *m_range;
    QLabel *m_today;
    QChartView *m_reviewChart;
    QChartView *m_forecastChart;
    QChartView *m_statesChart;
    collection::DayCounts m_reviews;
    collection::DayCounts m_forecast;
    bool m_loading = false;
    bool m_stale = true;
};

} // namespace javumbo::gui
