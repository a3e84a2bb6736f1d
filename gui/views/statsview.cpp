#include "statsview.h"

#include "client/clientcontext.h"
#include "client/errormessages.h"
#include "models/counttext.h"
#include "statscharts.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QSettings>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

namespace {

struct StatsData
{
    QList<collection::DeckSummary> decks;
    collection::DeckStatsReport report;
};

QGroupBox *boxed(QWidget *parent, const QString &title, QWidget *content)
{
    auto *box = new QGroupBox(title, parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(content);
    return box;
}

} // namespace

StatsView::StatsView(ClientContext *context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_deck(new QComboBox(this))
    , m_range(new QComboBox(this))
    , m_today(new QLabel(this))
    , m_reviewChart(statscharts::chartView(this, u"reviewChart"_s))
    , m_timeChart(statscharts::chartView(this, u"timeChart"_s))
    , m_forecastChart(statscharts::chartView(this, u"forecastChart"_s))
    , m_statesChart(statscharts::chartView(this, u"statesChart"_s))
    , m_buttons(statscharts::figureTable(this, u"answerButtons"_s,
          {u"Again"_s, u"Hard"_s, u"Good"_s, u"Easy"_s, u"Correct"_s},
          {u"Learning"_s, u"Young"_s, u"Mature"_s}))
    , m_retention(statscharts::figureTable(this, u"trueRetention"_s,
          {u"Passed"_s, u"Failed"_s, u"Retention"_s}, {u"Young"_s, u"Mature"_s, u"Total"_s}))
{
    m_deck->setObjectName(u"statsDeck"_s);
    m_deck->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_deck->setMinimumContentsLength(14);
    m_deck->addItem(u"Whole collection"_s, 0);
    connect(m_deck, &QComboBox::activated, this, [this] {
        m_wantedDeck = m_deck->currentData().toLongLong();
        refresh();
    });
    m_range->setObjectName(u"statsPeriod"_s);
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

    // The filters stay on top; the charts scroll below them on a small screen.
    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(u"Deck:"_s, this));
    top->addWidget(m_deck, 1);
    top->addWidget(new QLabel(u"Period:"_s, this));
    top->addWidget(m_range);
    auto *content = new QWidget(this);
    auto *grid = new QGridLayout(content);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(m_today, 0, 0, 1, 2);
    grid->addWidget(m_reviewChart, 1, 0);
    grid->addWidget(m_timeChart, 1, 1);
    grid->addWidget(m_forecastChart, 2, 0);
    grid->addWidget(m_statesChart, 2, 1);
    grid->addWidget(boxed(content, u"Answer buttons"_s, m_buttons), 3, 0);
    grid->addWidget(boxed(content, u"True retention (reviews passed)"_s, m_retention), 3, 1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(scroll, 1);

    connect(m_context, &ClientContext::clientChanged, this, [this] {
        m_wantedDeck = 0;
        refresh();
    });
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

void StatsView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_shown)
        display(); // a theme change: the charts take the new colours
}

void StatsView::setDeck(qint64 deckId)
{
    m_wantedDeck = deckId;
    refresh();
}

void StatsView::refresh()
{
    m_stale = false;
    if (!m_context->hasClient())
        return;
    const int days = m_range->currentData().toInt();
    const std::optional<qint64> deck = m_wantedDeck ? std::optional<qint64>(m_wantedDeck) : std::nullopt;
    m_loading = true;
    m_context->call(
        this,
        [days, deck](CollectionClient &client) -> Result<StatsData> {
            auto decks = client.decks();
            if (!decks)
                return decks.error();
            auto report = client.deckStats(deck, days);
            if (!report)
                return report.error();
            return StatsData {decks.value(), report.value()};
        },
        [this](Result<StatsData> loaded) {
            m_loading = false;
            if (!loaded) {
                m_today->setText(errorMessage(loaded.error()));
                return;
            }
            setDecks(loaded->decks);
            m_report = loaded->report;
            display();
        });
}

void StatsView::setDecks(const QList<collection::DeckSummary> &decks)
{
    while (m_deck->count() > 1)
        m_deck->removeItem(1);
    for (const auto &deck : decks)
        m_deck->addItem(deck.name, deck.id);
    m_deck->setCurrentIndex(std::max(0, m_deck->findData(m_wantedDeck)));
}

void StatsView::display()
{
    m_shown = true;
    const auto &r = m_report;
    const qint64 minutes = (r.secondsToday + 30) / 60;
    // Under a minute in seconds: "in 0 minutes" would read as no study at all.
    const QString time = r.secondsToday < 60 ? counted(r.secondsToday, u"second"_s, u"seconds"_s)
                                             : counted(minutes, u"minute"_s, u"minutes"_s);
    m_today->setText(u"Today: %1 in %2. %3: %4 (%5 new, %6 learning, %7 review, %8 suspended)."_s
                         .arg(counted(r.reviewsToday, u"review"_s, u"reviews"_s), time, m_deck->currentText(),
                             counted(r.cards, u"card"_s, u"cards"_s))
                         .arg(r.newCards)
                         .arg(r.learningCards)
                         .arg(r.reviewCards)
                         .arg(r.suspendedCards));
    const QPalette pal = palette();
    const int days = int(r.reviews.size());
    // In seconds while no day reaches ten minutes: whole minutes would show a short session as none.
    const bool inMinutes = std::any_of(
        r.studySeconds.cbegin(), r.studySeconds.cend(), [](qint64 seconds) { return seconds >= 600; });
    collection::DayCounts timePerDay;
    for (qint64 seconds : r.studySeconds)
        timePerDay.append(inMinutes ? (seconds + 30) / 60 : seconds);
    const QColor accent = pal.color(QPalette::Highlight);
    const std::pair<QChartView *, QChart *> charts[] = {
        {m_reviewChart,
            statscharts::dayChart(
                u"Reviews per day"_s, u"days ago (0 = today)"_s, r.reviews, 1 - days, accent)},
        {m_timeChart,
            statscharts::dayChart(
                inMinutes ? u"Study time per day (minutes)"_s : u"Study time per day (seconds)"_s,
                u"days ago (0 = today)"_s, timePerDay, 1 - days, accent.darker(115))},
        {m_forecastChart,
            statscharts::dayChart(u"Due in the coming days"_s, u"days from today (overdue count as today)"_s,
                r.forecast, 0, accent.darker(130))},
        {m_statesChart, statscharts::statesChart(r, pal)},
    };
    for (const auto &[view, chart] : charts) {
        statscharts::applyPalette(chart, pal);
        QChart *old = view->chart();
        view->setChart(chart);
        delete old; // setChart() leaves the old chart to us
    }
    statscharts::fillButtons(m_buttons, r.buttons);
    statscharts::fillRetention(m_retention, r.retention);
}

} // namespace javumbo::gui
