#include "reviewview.h"

#include "client/clientcontext.h"
#include "client/errormessages.h"
#include "dialogs/editcarddialog.h"
#include "models/intervalformat.h"
#include "render/cardview.h"
#include "reviewtext.h"

#include <QAction>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using Kind = javumbo::collection::BulkChange::Kind;

namespace javumbo::gui {

namespace {

const char *const kEaseNames[] = {"Again", "Hard", "Good", "Easy"};

QLabel *centredLabel(QWidget *parent, int pointSizeDelta)
{
    auto *label = new QLabel(parent);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    QFont font = label->font();
    font.setPointSize(font.pointSize() + pointSizeDelta);
    label->setFont(font);
    return label;
}

} // namespace

ReviewView::ReviewView(ClientContext *context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_deckLabel(new QLabel(this))
    , m_counts(new QLabel(this))
    , m_flag(new QLabel(this))
    , m_more(new QToolButton(this))
    , m_pages(new QStackedWidget(this))
    , m_status(new QLabel(this))
    , m_bar(new QStackedWidget(this))
    , m_showAnswer(new QPushButton(u"Show Answer"_s, this))
{
    setFocusPolicy(Qt::StrongFocus);
    QFont bold = m_deckLabel->font();
    bold.setBold(true);
    m_deckLabel->setFont(bold);
    m_deckLabel->setTextFormat(Qt::PlainText);
    m_counts->setObjectName(u"reviewCounts"_s);
    m_counts->setTextFormat(Qt::PlainText);
    m_flag->setObjectName(u"cardFlag"_s);
    m_more->setText(u"More"_s);
    m_more->setObjectName(u"reviewMore"_s);
    m_more->setPopupMode(QToolButton::InstantPopup);
    m_more->setFocusPolicy(Qt::NoFocus);
    auto *top = new QHBoxLayout;
    top->addWidget(m_deckLabel);
    top->addWidget(m_flag);
    top->addStretch();
    top->addWidget(m_counts);
    top->addWidget(m_more);

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
        button->setMinimumWidth(60);
        connect(button, &QPushButton::clicked, this, [this, i] { answer(i + 1); });
        answerLayout->addWidget(button);
        m_easeButtons[i] = button;
    }
    m_bar->addWidget(m_showAnswer);
    m_bar->addWidget(answerRow);
    m_bar->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_status->setObjectName(u"reviewStatus"_s);
    m_status->setWordWrap(true);
    m_status->setAlignment(Qt::AlignCenter);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_pages, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_bar);

    // Space and Enter: Show Answer on the question, Good on the answer (Anki's default).
    addShortcut(u"Show the answer, then answer Good"_s,
        {QKeySequence(Qt::Key_Space), QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)}, [this] {
            if (m_stage == Stage::Answer)
                answer(3);
            else
                showAnswer();
        });
    for (int i = 0; i < 4; ++i) {
        addShortcut(u"Answer %1"_s.arg(QLatin1StringView(kEaseNames[i])), {QKeySequence(Qt::Key_1 + i)},
            [this, i] { answer(i + 1); });
    }
    auto *more = new QMenu(m_more);
    more->addAction(addShortcut(u"Undo"_s, {QKeySequence::Undo}, [this] { undo(); }));
    more->addSeparator();
    more->addAction(addShortcut(u"Edit the card"_s, {QKeySequence(u"E"_s)}, [this] { editCard(); }));
    more->addAction(addShortcut(
        u"Suspend the card"_s, {QKeySequence(u"@"_s), QKeySequence(u"Ctrl+J"_s)}, [this] { suspendCard(); }));
    more->addAction(
        addShortcut(u"Bury the card until tomorrow"_s, {QKeySequence(u"-"_s)}, [this] { buryCard(); }));
    QMenu *flags = more->addMenu(u"Flag"_s);
    for (int flag = 1; flag <= 4; ++flag) {
        flags->addAction(addShortcut(u"%1 flag"_s.arg(reviewtext::flagName(flag)),
            {QKeySequence(u"Ctrl+%1"_s.arg(flag))}, [this, flag] { flagCard(flag); }));
    }
    m_more->setMenu(more);

    connect(m_context, &ClientContext::clientChanged, this, [this] {
        m_deckId = 0;
        m_undo.clear();
        m_card.reset();
        m_deckLabel->clear();
        m_counts->clear();
        m_flag->clear();
        m_status->clear();
        m_cardView->setMediaDirectory(
            m_context->hasClient() ? m_context->client()->mediaDirectory() : QString());
        m_cardView->showMessage(u"Choose a deck in Decks to study it."_s);
        m_pages->setCurrentIndex(0);
        setStage(Stage::Idle);
    });
    applyPreferences();
    m_cardView->showMessage(u"Choose a deck in Decks to study it."_s);
    setStage(Stage::Idle);
}

QWidget *ReviewView::buildCardPage()
{
    m_cardView = new CardView(this);
    m_cardView->setObjectName(u"cardView"_s);
    return m_cardView;
}

QWidget *ReviewView::buildFinishedPage()
{
    auto *page = new QWidget(this);
    auto *title = centredLabel(page, 8);
    title->setText(u"Congratulations! Nothing is due."_s);
    m_finishedText = centredLabel(page, 2);
    m_finishedText->setObjectName(u"finishedText"_s);
    auto *back = new QPushButton(u"Back to decks"_s, page);
    back->setObjectName(u"backToDecks"_s);
    connect(back, &QPushButton::clicked, this, &ReviewView::backToDecksRequested);
    auto *layout = new QVBoxLayout(page);
    layout->addStretch();
    layout->addWidget(title);
    layout->addWidget(m_finishedText);
    layout->addSpacing(12);
    layout->addWidget(back, 0, Qt::AlignHCenter);
    layout->addStretch();
    return page;
}

QAction *ReviewView::addShortcut(
    const QString &text, const QList<QKeySequence> &keys, std::function<void()> slot)
{
    auto *action = new QAction(text, this);
    action->setShortcuts(keys);
    // Only while the review page has focus: Space and digits type text elsewhere.
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(action, &QAction::triggered, this, std::move(slot));
    addAction(action);
    return action;
}

void ReviewView::applyPreferences()
{
    m_cardView->setCardFontSize(
        QSettings().value(u"review/fontSize"_s, reviewtext::kDefaultFontSize).toInt());
    if (m_card)
        redrawCard();
}

void ReviewView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    setFocus();
}

std::optional<qint64> ReviewView::currentCardId() const
{
    return m_card ? std::optional<qint64>(m_card->card.cardId) : std::nullopt;
}

std::optional<collection::CardRecord> ReviewView::currentCard() const
{
    return m_card ? std::optional<collection::CardRecord>(m_card->card) : std::nullopt;
}

QString ReviewView::statusText() const
{
    return m_status->text();
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
    m_undo.clear();
    m_status->clear();
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
            if (!next.value())
                return showFinished();
            showCard(*next.value());
        });
}

void ReviewView::showCard(const collection::NextCard &next)
{
    m_card = next;
    m_counts->setText(reviewtext::counts(next.counts));
    for (int i = 0; i < 4; ++i) {
        m_easeButtons[i]->setText(u"%1\n%2 (%3)"_s.arg(
            QLatin1StringView(kEaseNames[i]), formatInterval(next.intervals[i]), QString::number(i + 1)));
    }
    m_pages->setCurrentIndex(0);
    m_shownFor.start();
    m_answerShown = false;
    setStage(Stage::Question);
    redrawCard();
}

void ReviewView::redrawCard()
{
    if (!m_card)
        return;
    m_flag->setText(reviewtext::flagBadge(m_card->card.flags));
    m_cardView->showCard(m_card->card.front, m_card->card.back, m_answerShown);
}

void ReviewView::showAnswer()
{
    if (m_stage != Stage::Question)
        return;
    m_answerShown = true;
    setStage(Stage::Answer);
    redrawCard();
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
            pushUndo(UndoStep {answered->undoId, u"answer"_s});
            m_status->clear();
            m_context->notifyChanged();
            loadNext();
        });
}

void ReviewView::pushUndo(UndoStep step)
{
    m_undo.append(std::move(step));
    if (m_undo.size() > kUndoDepth)
        m_undo.removeFirst();
}

void ReviewView::undo()
{
    if (m_undo.isEmpty() || m_stage == Stage::Idle)
        return;
    const UndoStep step = m_undo.takeLast();
    setStage(Stage::Idle);
    m_context->call(
        this,
        [record = step.record](CollectionClient &client) -> Result<void> {
            if (const auto *undoId = std::get_if<qint64>(&record)) {
                auto restored = client.undoAnswer(*undoId); // kept in the collection (collection/undolog.h)
                return restored ? Result<void> {} : Result<void>(restored.error());
            }
            auto restored = client.undoBulkEdit(std::get<collection::BulkUndoRecord>(record));
            return restored ? Result<void> {} : Result<void>(restored.error());
        },
        [this, name = step.name](Result<void> restored) {
            if (!restored) {
                m_undo.clear(); // an older step cannot come back past one that failed
                return showError(restored.error());
            }
            m_status->setText(reviewtext::undoneNote(name, int(m_undo.size())));
            m_context->notifyChanged();
            loadNext();
        });
}

void ReviewView::changeCard(Kind kind, int flag, const QString &name, const QString &done)
{
    if (!m_card || (m_stage != Stage::Question && m_stage != Stage::Answer))
        return;
    collection::BulkChange change;
    change.kind = kind;
    change.cardIds = {m_card->card.cardId};
    change.flag = flag;
    setStage(Stage::Idle);
    using Changed = std::pair<collection::BulkResult, std::optional<collection::CardRecord>>;
    m_context->call(
        this,
        [change](CollectionClient &client) -> Result<Changed> {
            auto changed = client.bulkEdit(change);
            if (!changed)
                return changed.error();
            if (change.kind != Kind::Flag)
                return Changed {changed.value(), std::nullopt};
            auto card = client.card(change.cardIds.constFirst()); // its new version, for a later edit
            if (!card)
                return card.error();
            return Changed {changed.value(), card.value()};
        },
        [this, name, done](Result<Changed> changed) {
            if (!changed)
                return showError(changed.error());
            if (!changed->first.undo.isEmpty())
                pushUndo(UndoStep {changed->first.undo, name});
            m_status->setText(done);
            m_context->notifyChanged();
            if (!changed->second || !m_card)
                return loadNext(); // suspended or buried: the card leaves today's queue
            m_card->card = *changed->second;
            setStage(m_answerShown ? Stage::Answer : Stage::Question);
            redrawCard();
        });
}

void ReviewView::suspendCard()
{
    changeCard(Kind::Suspend, 0, u"suspension"_s, u"Card suspended. Ctrl+Z takes it back."_s);
}

void ReviewView::buryCard()
{
    changeCard(Kind::Bury, 0, u"bury"_s, u"Card buried until tomorrow. Ctrl+Z takes it back."_s);
}

void ReviewView::flagCard(int flag)
{
    if (!m_card)
        return;
    const int wanted = m_card->card.flags == flag ? 0 : flag; // the same flag again takes it off
    changeCard(Kind::Flag, wanted, u"flag"_s,
        wanted ? u"%1 flag set."_s.arg(reviewtext::flagName(wanted)) : u"Flag removed."_s);
}

void ReviewView::editCard()
{
    if (!m_card || (m_stage != Stage::Question && m_stage != Stage::Answer))
        return;
    auto *dialog = new EditCardDialog(m_context, m_card->card, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &EditCardDialog::cardSaved, this, [this](const collection::CardRecord &saved) {
        if (!m_card || m_card->card.cardId != saved.cardId)
            return;
        m_card->card = saved;
        redrawCard();
    });
    dialog->open();
}

void ReviewView::showFinished()
{
    m_card.reset();
    m_flag->clear();
    m_counts->setText(reviewtext::counts({}));
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
                text += u"\n"_s + reviewtext::describeDue(*due->first, due->second);
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
        setStage(m_answerShown ? Stage::Answer : Stage::Question);
    else if (m_pages->currentIndex() == 1)
        setStage(Stage::Finished);
    else
        setStage(Stage::Idle);
}

} // namespace javumbo::gui
