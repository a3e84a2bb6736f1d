#include "reviewview.h"

#include "client/clientcontext.h"
#include "client/errormessages.h"
#include "models/intervalformat.h"

#include <QAction>
#include <QDateTime>
#include <QFrame>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

namespace {

const char *const kEaseNames[] = {"Again", "Hard", "Good", "Easy"};

QLabel *cardLabel(QWidget *parent, int pointSizeDelta)
{
    auto *label = new QLabel(parent);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText); // card text is the user's, never markup
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setFocusPolicy(Qt::NoFocus);
    QFont font = label->font();
    font.setPointSize(font.pointSize() + pointSizeDelta);
    label->setFont(font);
    return label;
}

// The collection keeps at least this many answers undoable (collection/undolog.h).
constexpr int kUndoDepth = 10;

// "in 10 minutes", "tomorrow at 04:00", "on 12 March": when the next card is due.
QString describeDue(qint64 dueSeconds, qint64 nowSeconds)
{
    const qint64 wait = dueSeconds - nowSeconds;
    if (wait <= 0)
        return u"More cards are due, but today's limit is reached. Come back tomorrow."_s;
    const QDateTime due = QDateTime::fromSecsSinceEpoch(dueSeconds);
    const QDate today = QDateTime::fromSecsSinceEpoch(nowSeconds).date();
    if (wait < 3600)
        return u"The next card is due in %1 (at %2)."_s.arg(
            formatInterval(wait), due.time().toString(u"HH:mm"_s));
    if (due.date() == today)
        return u"The next card is due today at %1."_s.arg(due.time().toString(u"HH:mm"_s));
    if (due.date() == today.addDays(1))
        return u"The next card is due tomorrow."_s;
    return u"The next card is due on %1 (in %2)."_s.arg(
        QLocale().toString(due.date(), QLocale::LongFormat), formatInterval(wait));
}

} // namespace

ReviewView::ReviewView(ClientContext *context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_deckLabel(new QLabel(this))
    , m_counts(new QLabel(this))
    , m_pages(new QStackedWidget(this))
    , m_status(new QLabel(this))
    , m_bar(new QStackedWidget(this))
    , m_showAnswer(new QPushButton(u"Show Answer"_s, this))
{
    setFocusPolicy(Qt::StrongFocus);
    QFont bold = m_deckLabel->font();
    bold.setBold(true);
    m_deckLabel->setFont(bold);
    m_counts->setObjectName(u"reviewCounts"_s);
    m_counts->setTextFormat(Qt::PlainText);
    auto *top = new QHBoxLayout;
    top->addWidget(m_deckLabel);
    top->addStretch();
    top->addWidget(m_counts);

    m_pages->addWidget(buildCardPage());
    m_pages->addWidget(buildFinishedPage());

    // The bottom bar: Show Answer, or the four ease buttons with their intervals.
    m_showAnswer->setObjectName(u"showAnswer"_s);
    m_showAnswer->setFocusPolicy(Qt::NoFocus); // Space belongs to the view, not a focused button
    m_showAnswer->setMinimumHeight(m_showAnswer->sizeHint().height() * 2);
    connect(m_showAnswer, &QPushButton::clicked, this, &ReviewView::showAnswer);
    auto *answerRow = new QWidget(this);
    auto *answerLayout = new QHBoxLayout(answerRow);
    answerLayout->setContentsMargins(0, 0, 0, 0);
    for (int i = 0; i < 4; ++i) {
        auto *button = new QPushButton(answerRow);
        button->setObjectName(u"ease%1"_s.arg(i + 1));
        button->setFocusPolicy(Qt::NoFocus);
        button->setMinimumHeight(m_showAnswer->minimumHeight());
        connect(button, &QPushButton::clicked, this, [this, i] { answer(i + 1); });
        answerLayout->addWidget(button);
        m_easeButtons[i] = button;
    }
    m_bar->addWidget(m_showAnswer);
    m_bar->addWidget(answerRow);
    m_bar->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_status->setWordWrap(true);
    m_status->setAlignment(Qt::AlignCenter);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_pages, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_bar);

    addShortcut(u"Show answer"_s,
        {QKeySequence(Qt::Key_Space), QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)},
        [this] { showAnswer(); });
    for (int i = 0; i < 4; ++i) {
        addShortcut(u"Answer %1"_s.arg(QLatin1StringView(kEaseNames[i])), {QKeySequence(Qt::Key_1 + i)},
            [this, i] { answer(i + 1); });
    }
    addShortcut(u"Undo the last answer"_s, {QKeySequence::Undo}, [this] { undo(); });

    connect(m_context, &ClientContext::clientChanged, this, [this] {
        m_deckId = 0;
        m_undoIds.clear();
        m_card.reset();
        m_deckLabel->clear();
        m_counts->clear();
        m_front->setText(u"Choose a deck in Decks to study it."_s);
        m_back->clear();
        m_separator->hide();
        m_pages->setCurrentIndex(0);
        setStage(Stage::Idle);
    });
    m_front->setText(u"Choose a deck in Decks to study it."_s);
    setStage(Stage::Idle);
}

QWidget *ReviewView::buildCardPage()
{
    auto *page = new QWidget(this);
    m_front = cardLabel(page, 8);
    m_front->setObjectName(u"cardFront"_s);
    m_back = cardLabel(page, 8);
    m_back->setObjectName(u"cardBack"_s);
    auto *line = new QFrame(page);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    m_separator = line;
    auto *layout = new QVBoxLayout(page);
    layout->addStretch(1);
    layout->addWidget(m_front);
    layout->addSpacing(12);
    layout->addWidget(line);
    layout->addSpacing(12);
    layout->addWidget(m_back);
    layout->addStretch(2);
    return page;
}

QWidget *ReviewView::buildFinishedPage()
{
    auto *page = new QWidget(this);
    auto *title = cardLabel(page, 10);
    title->setText(u"Congratulations! Nothing is due."_s);
    m_finishedText = cardLabel(page, 2);
    m_finishedText->setObjectName(u"finishedText"_s);
    auto *layout = new QVBoxLayout(page);
    layout->addStretch();
    layout->addWidget(title);
    layout->addWidget(m_finishedText);
    layout->addStretch();
    return page;
}

void ReviewView::addShortcut(const QString &text, const QList<QKeySequence> &keys, std::function<void()> slot)
{
    auto *action = new QAction(text, this);
    action->setShortcuts(keys);
    // Only while the review page has focus: Space and digits type text elsewhere.
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(action, &QAction::triggered, this, std::move(slot));
    addAction(action);
}

void ReviewView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    setFocus();
}

void ReviewView::keyPressEvent(QKeyEvent *event)
{
    // The same keys as the shortcuts, for when the key reaches us directly.
    const int key = event->key();
    if (event->modifiers() == Qt::NoModifier || event->modifiers() == Qt::KeypadModifier) {
        if (key == Qt::Key_Space || key == Qt::Key_Return || key == Qt::Key_Enter)
            return showAnswer();
        if (key >= Qt::Key_1 && key <= Qt::Key_4)
            return answer(key - Qt::Key_1 + 1);
    }
    if (event->matches(QKeySequence::Undo))
        return undo();
    QWidget::keyPressEvent(event);
}

std::optional<qint64> ReviewView::currentCardId() const
{
    return m_card ? std::optional<qint64>(m_card->card.cardId) : std::nullopt;
}

void ReviewView::setStage(Stage stage)
{
    m_stage = stage;
    const bool answerShown = stage == Stage::Answer;
    m_bar->setCurrentIndex(answerShown ? 1 : 0);
    m_bar->setVisible(stage != Stage::Finished); // disabled, not hidden, while a call runs: no flicker
    m_showAnswer->setEnabled(stage == Stage::Question);
    for (QPushButton *button : m_easeButtons)
        button->setEnabled(answerShown);
}

void ReviewView::startDeck(qint64 deckId, const QString &deckName)
{
    m_deckId = deckId;
    m_deckName = deckName;
    m_deckLabel->setText(deckName);
    m_undoIds.clear();
    loadNext();
}

void ReviewView::loadNext()
{
    if (!m_deckId)
        return;
    setStage(Stage::Idle);
    m_context->call(
        this, [deckId = m_deckId](CollectionClient &client) { return client.nextCard(deckId); },
        [this](Result<std::optional<collection::NextCard>> next) {
            if (!next)
                return showError(next.error());
            m_status->clear();
            if (!next.value())
                return showFinished();
            showCard(*next.value());
        });
}

void ReviewView::showCard(const collection::NextCard &next)
{
    m_card = next;
    m_counts->setText(u"New %1 · Learning %2 · Due %3"_s.arg(next.counts.newCount)
                          .arg(next.counts.learning)
                          .arg(next.counts.review));
    m_front->setText(next.card.front);
    m_back->setText(next.card.back);
    m_back->hide();
    m_separator->hide();
    for (int i = 0; i < 4; ++i) {
        m_easeButtons[i]->setText(u"%1\n%2 (%3)"_s.arg(
            QLatin1StringView(kEaseNames[i]), formatInterval(next.intervals[i]), QString::number(i + 1)));
    }
    m_pages->setCurrentIndex(0);
    m_shownFor.start();
    setStage(Stage::Question);
}

void ReviewView::showAnswer()
{
    if (m_stage != Stage::Question)
        return;
    m_back->show();
    m_separator->show();
    setStage(Stage::Answer);
}

void ReviewView::answer(int ease)
{
    if (m_stage != Stage::Answer || !m_card || ease < 1 || ease > 4)
        return;
    collection::AnswerRequest request;
    request.cardId = m_card->card.cardId;
    request.ease = ease;
    request.timeTakenMs = std::min<qint64>(m_shownFor.elapsed(), 60000); // Anki caps the time at a minute
    request.expectedReps = m_card->card.state.reps; // a double press never answers twice
    setStage(Stage::Idle);
    m_context->call(
        this, [request](CollectionClient &client) { return client.answer(request); },
        [this](Result<collection::AnsweredCard> answered) {
            if (!answered)
                return showError(answered.error());
            m_undoIds.append(answered->undoId);
            if (m_undoIds.size() > kUndoDepth)
                m_undoIds.removeFirst();
            m_status->setText(u"Answered. Ctrl+Z takes it back."_s);
            m_context->notifyChanged();
            loadNext();
        });
}

void ReviewView::undo()
{
    if (m_undoIds.isEmpty() || m_stage == Stage::Idle)
        return;
    const qint64 undoId = m_undoIds.takeLast();
    setStage(Stage::Idle);
    m_context->call(
        this, [undoId](CollectionClient &client) { return client.undoAnswer(undoId); },
        [this](Result<collection::CardRecord> restored) {
            if (!restored)
                return showError(
                    restored.error()); // too old or changed since: the next Ctrl+Z tries the one before
            m_status->setText(u"The last answer was undone."_s);
            m_context->notifyChanged();
            loadNext();
        });
}

void ReviewView::showFinished()
{
    m_card.reset();
    m_counts->setText(u"New 0 · Learning 0 · Due 0"_s);
    m_pages->setCurrentIndex(1);
    m_finishedText->setText(u"You have finished “%1” for now."_s.arg(m_deckName));
    setStage(Stage::Finished);
    m_context->call(
        this,
        [deckId = m_deckId](CollectionClient &client) -> Result<std::pair<std::optional<qint64>, qint64>> {
            auto deck = client.deck(deckId);
            if (!deck)
                return deck.error();
            return std::pair {deck->nextDueAt, client.nowSeconds()};
        },
        [this](Result<std::pair<std::optional<qint64>, qint64>> due) {
            if (m_stage != Stage::Finished)
                return;
            QString text = u"You have finished “%1” for now."_s.arg(m_deckName);
            if (due && due->first)
                text += u"\n"_s + describeDue(*due->first, due->second);
            else if (due)
                text += u"\nThis deck has no cards waiting. Add some with Ctrl+N."_s;
            m_finishedText->setText(text);
        });
}

void ReviewView::showError(const Error &error)
{
    m_status->setText(errorMessage(error));
    // Keep going where it makes sense: a stale undo or a busy lock leaves the card to study.
    if (m_card)
        setStage(m_back->isVisible() ? Stage::Answer : Stage::Question);
    else
        setStage(Stage::Idle);
}

} // namespace javumbo::gui
