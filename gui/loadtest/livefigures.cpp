#include "livefigures.h"

#include "dashboardstyle.h"
#include "loadtest/statusline.h"

#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

using dashboard::colour;
using dashboard::Tone;

LiveFigures::LiveFigures(QWidget *parent) : QWidget(parent), m_verdict(new QLabel)
{
    m_verdict->setObjectName(u"verdict"_s);
    dashboard::enlarge(m_verdict, 2.4);
    m_verdict->setAlignment(Qt::AlignCenter);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins({});
    auto *figures = new QGridLayout;
    m_elapsed = dashboard::bigNumber(figures, 0, u"elapsed"_s);
    m_writers = dashboard::bigNumber(figures, 1, u"writers"_s);
    m_reviewers = dashboard::bigNumber(figures, 2, u"reviewers"_s);
    m_cards = dashboard::bigNumber(figures, 3, u"cards created"_s);
    m_errors = dashboard::bigNumber(figures, 4, u"errors"_s);
    layout->addLayout(figures);

    auto *laneBox = new QGroupBox(u"Integrity lane: acknowledged cards"_s);
    auto *lane = new QGridLayout(laneBox);
    m_acknowledged = dashboard::bigNumber(lane, 0, u"acknowledged"_s);
    m_verified = dashboard::bigNumber(lane, 1, u"verified"_s);
    m_pending = dashboard::bigNumber(lane, 2, u"pending"_s);
    m_violated = dashboard::bigNumber(lane, 3, u"violated"_s);
    lane->addWidget(m_verdict, 0, 4, 2, 1);
    lane->setColumnMinimumWidth(4, 160);
    layout->addWidget(laneBox);
}

void LiveFigures::reset()
{
    for (QLabel *label : {m_elapsed, m_writers, m_reviewers, m_cards, m_errors, m_acknowledged, m_verified,
             m_pending, m_violated, m_verdict})
        label->setText(u"–"_s);
}

void LiveFigures::draw(const loadtest::RunSnapshot &snapshot)
{
    m_elapsed->setText(loadtest::formatDuration(snapshot.elapsedS));
    m_writers->setText(QString::number(snapshot.activeWriters));
    m_reviewers->setText(QString::number(snapshot.activeReviewers));
    m_cards->setText(QString::number(snapshot.cardsCreated));
    m_errors->setText(QString::number(snapshot.errors));
    dashboard::paint(
        m_errors, snapshot.errors > 0 ? colour(Tone::Bad) : palette().color(QPalette::WindowText));
    const integrity::Lane &lane = snapshot.lane;
    m_acknowledged->setText(QString::number(lane.acknowledged));
    m_verified->setText(QString::number(lane.verified));
    m_pending->setText(QString::number(lane.pending));
    m_violated->setText(QString::number(lane.violated));
    const bool violated = lane.violated > 0 || !snapshot.violations.isEmpty();
    dashboard::paint(m_verified, colour(Tone::Good));
    dashboard::paint(m_violated, colour(violated ? Tone::Bad : Tone::Good));
    if (snapshot.phase != loadtest::RunSnapshot::Phase::Finished) {
        m_verdict->setText(violated ? u"FAILING"_s : u"clean so far"_s);
        dashboard::paint(m_verdict, colour(violated ? Tone::Bad : Tone::Good));
    }
}

void LiveFigures::showVerdict(std::optional<integrity::Verdict> verdict)
{
    m_verdict->setText(verdict ? integrity::verdictName(*verdict) : u"ERROR"_s);
    dashboard::paint(m_verdict, colour(verdict ? dashboard::toneOf(*verdict) : Tone::Unsure));
}

QString LiveFigures::verdictText() const
{
    return m_verdict->text();
}

} // namespace javumbo::gui
