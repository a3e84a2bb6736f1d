#include "cardinfodialog.h"

#include "client/clientcontext.h"
#include "client/errormessages.h"
#include "collection/notefields.h"
#include "models/cardtablemodel.h"
#include "models/intervalformat.h"
#include "render/cardhtml.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

namespace {

const char16_t *const kRatings[] = {u"Manual", u"Again", u"Hard", u"Good", u"Easy"};
const char16_t *const kTypes[] = {u"Learning", u"Review", u"Relearning", u"Filtered", u"Manual"};

QString when(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::ShortFormat);
}

// Revlog intervals are days when positive and seconds when negative (docs/scheduling.md §6).
QString revlogInterval(qint64 interval)
{
    return formatInterval(interval < 0 ? -interval : interval * 86400);
}

} // namespace

CardInfoDialog::CardInfoDialog(ClientContext *context, qint64 cardId, QWidget *parent)
    : QDialog(parent), m_summary(new QLabel(this)), m_reviews(new QTableWidget(0, 6, this))
{
    setObjectName(u"cardInfo"_s);
    setWindowTitle(u"Card info"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setText(u"Loading…"_s);
    m_reviews->setObjectName(u"cardReviews"_s);
    m_reviews->setHorizontalHeaderLabels(
        {u"Date"_s, u"Type"_s, u"Rating"_s, u"Interval"_s, u"Ease"_s, u"Time"_s});
    m_reviews->verticalHeader()->hide();
    m_reviews->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_reviews->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_reviews->horizontalHeader()->setStretchLastSection(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_reviews, 1);
    layout->addWidget(buttons);
    resize(560, 420);
    context->call(
        this, [cardId](CollectionClient &client) { return client.cardInfo(cardId); },
        [this](Result<collection::CardInfo> info) {
            m_loaded = true;
            if (!info)
                return m_summary->setText(errorMessage(info.error()).toHtmlEscaped());
            display(info.value());
        });
}

CardInfoDialog *CardInfoDialog::showFor(ClientContext *context, qint64 cardId, QWidget *parent)
{
    auto *dialog = new CardInfoDialog(context, cardId, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

void CardInfoDialog::display(const collection::CardInfo &info)
{
    const auto &card = info.card;
    const QString front = collection::notefields::stripHtml(card.front).simplified().left(80);
    QStringList rows {
        u"<b>%1</b>"_s.arg(front.toHtmlEscaped()),
        u"Added: %1 · Deck: %2 · State: %3"_s.arg(
            when(info.addedAtMs), info.deckName.toHtmlEscaped(), CardTableModel::stateName(card.state)),
        u"Reviews: %1 · Lapses: %2 · Ease: %3 · Interval: %4"_s.arg(card.state.reps)
            .arg(card.state.lapses)
            .arg(card.state.factor ? u"%1%"_s.arg(card.state.factor / 10) : u"–"_s)
            .arg(card.state.type == 2 ? formatInterval(qint64(card.state.ivl) * 86400) : u"–"_s),
    };
    if (!info.reviews.isEmpty()) {
        rows.append(
            u"First review: %1 · Latest: %2 · Total time: %3 s · Average: %4 s"_s
                .arg(
                    when(info.reviews.constLast().answeredAtMs), when(info.reviews.constFirst().answeredAtMs))
                .arg(QString::number(info.totalTimeMs / 1000.0, 'f', 1),
                    QString::number(info.totalTimeMs / 1000.0 / double(info.reviews.size()), 'f', 1)));
    }
    m_summary->setText(rows.join(u"<br>"_s));
    m_reviews->setRowCount(int(info.reviews.size()));
    for (int row = 0; row < info.reviews.size(); ++row) {
        const collection::ReviewEntry &entry = info.reviews.at(row);
        const QStringList cells {when(entry.answeredAtMs),
            QString::fromUtf16(kTypes[std::clamp(entry.type, 0, 4)]),
            QString::fromUtf16(kRatings[std::clamp(entry.ease, 0, 4)]), revlogInterval(entry.interval),
            entry.factor ? u"%1%"_s.arg(entry.factor / 10) : u"–"_s,
            u"%1 s"_s.arg(QString::number(entry.timeMs / 1000.0, 'f', 1))};
        for (int column = 0; column < cells.size(); ++column)
            m_reviews->setItem(row, column, new QTableWidgetItem(cells.at(column)));
    }
}

} // namespace javumbo::gui
