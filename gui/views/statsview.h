#pragma once

#include "collection/deckstats.h"
#include "collection/records.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QTableWidget;

QT_FORWARD_DECLARE_CLASS(QChartView)

namespace javumbo::gui {

class ClientContext;

// Statistics of the open profile, for the whole collection or one deck (its
// children included), over a week, a month or three: today's reviews and
// time, the reviews and study time of past days, the forecast of cards coming
// due, cards by state, the answer buttons and Anki's true retention (young
// and mature reviews passed).
class StatsView : public QWidget
{
    Q_OBJECT
public:
    explicit StatsView(ClientContext *context, QWidget *parent = nullptr);

    // The bars of each chart as last drawn (tests check the series are not empty).
    const collection::DayCounts &reviewSeries() const { return m_report.reviews; }
    const collection::DayCounts &forecastSeries() const { return m_report.forecast; }
    const collection::DeckStatsReport &report() const { return m_report; }
    bool isLoading() const { return m_loading; }
    // Restricts the statistics to a deck; 0 is the whole collection.
    void setDeck(qint64 deckId);

public Q_SLOTS:
    void refresh();

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void display();
    void setDecks(const QList<collection::DeckSummary> &decks);

    ClientContext *m_context;
    QComboBox *m_deck;
    QComboBox *m_range;
    QLabel *m_today;
    QChartView *m_reviewChart;
    QChartView *m_timeChart;
    QChartView *m_forecastChart;
    QChartView *m_statesChart;
    QTableWidget *m_buttons;
    QTableWidget *m_retention;
    collection::DeckStatsReport m_report;
    qint64 m_wantedDeck = 0;
    bool m_loading = false;
    bool m_stale = true;
    bool m_shown = false; // something was drawn: a theme change redraws it
};

} // namespace javumbo::gui
