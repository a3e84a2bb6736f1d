#include "cardeditor.h"

#include "client/clientcontext.h"
#include "client/errormessages.h"

#include <QAction>
#include <QComboBox>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

CardEditor::CardEditor(ClientContext *context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_front(new QPlainTextEdit(this))
    , m_back(new QPlainTextEdit(this))
    , m_tags(new QLineEdit(this))
    , m_deck(new QComboBox(this))
    , m_save(new QPushButton(u"Save"_s, this))
    , m_conflict(new QFrame(this))
    , m_conflictText(new QLabel(m_conflict))
    , m_status(new QLabel(this))
{
    m_front->setObjectName(u"editFront"_s);
    m_back->setObjectName(u"editBack"_s);
    m_tags->setObjectName(u"editTags"_s);
    m_save->setObjectName(u"saveCard"_s);
    m_front->setTabChangesFocus(true);
    m_back->setTabChangesFocus(true);

    // The conflict banner: a framed box in the palette's tooltip colours, so it stands out in light and dark
    // themes alike.
    m_conflict->setObjectName(u"conflictBanner"_s);
    m_conflict->setFrameShape(QFrame::StyledPanel);
    m_conflict->setAutoFillBackground(true);
    m_conflict->setBackgroundRole(QPalette::ToolTipBase);
    m_conflict->setForegroundRole(QPalette::ToolTipText);
    m_conflictText->setWordWrap(true);
    m_conflictText->setForegroundRole(QPalette::ToolTipText);
    auto *reloadButton = new QPushButton(u"Reload card (discard my edit)"_s, m_conflict);
    reloadButton->setObjectName(u"reloadCard"_s);
    auto *overwriteButton = new QPushButton(u"Save mine anyway"_s, m_conflict);
    overwriteButton->setObjectName(u"overwriteCard"_s);
    connect(reloadButton, &QPushButton::clicked, this, &CardEditor::reload);
    connect(overwriteButton, &QPushButton::clicked, this, &CardEditor::saveOverOtherChange);
    auto *conflictLayout = new QVBoxLayout(m_conflict);
    conflictLayout->addWidget(m_conflictText);
    auto *conflictButtons = new QHBoxLayout;
    conflictButtons->addWidget(reloadButton);
    conflictButtons->addWidget(overwriteButton);
    conflictButtons->addStretch();
    conflictLayout->addLayout(conflictButtons);
    m_conflict->hide();

    auto *saveAction = new QAction(u"Save the card"_s, this);
    saveAction->setShortcut(QKeySequence::Save);
    saveAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(saveAction, &QAction::triggered, this, &CardEditor::save);
    addAction(saveAction);
    m_save->setToolTip(u"Save (%1)"_s.arg(saveAction->shortcut().toString(QKeySequence::NativeText)));
    connect(m_save, &QPushButton::clicked, this, &CardEditor::save);
    m_status->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(u"Front:"_s, m_front);
    form->addRow(u"Back:"_s, m_back);
    form->addRow(u"Tags:"_s, m_tags);
    form->addRow(u"Deck:"_s, m_deck);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_status, 1);
    bottom->addWidget(m_save);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_conflict);
    layout->addLayout(form);
    layout->addLayout(bottom);
    setCard(std::nullopt);
}

void CardEditor::setDecks(const QList<std::pair<qint64, QString>> &decks)
{
    const qint64 current = m_deck->currentData().toLongLong();
    m_deck->clear();
    for (const auto &[id, name] : decks)
        m_deck->addItem(name, id);
    m_deck->setCurrentIndex(std::max(0, m_deck->findData(m_card ? m_card->deckId : current)));
}

void CardEditor::setCard(const std::optional<collection::CardRecord> &card)
{
    m_card = card;
    showConflict(false);
    m_status->clear();
    const bool has = card.has_value();
    for (QWidget *widget : std::initializer_list<QWidget *> {m_front, m_back, m_tags, m_deck, m_save})
        widget->setEnabled(has);
    m_front->setPlainText(has ? card->front : QString());
    m_back->setPlainText(has ? card->back : QString());
    m_tags->setText(has ? card->tags.join(u' ') : QString());
    if (has)
        m_deck->setCurrentIndex(std::max(0, m_deck->findData(card->deckId)));
    m_front->document()->setModified(false);
    m_back->document()->setModified(false);
    m_tags->setModified(false);
}

std::optional<qint64> CardEditor::cardId() const
{
    return m_card ? std::optional<qint64>(m_card->cardId) : std::nullopt;
}

bool CardEditor::isModified() const
{
    return m_card
        && (m_front->document()->isModified() || m_back->document()->isModified() || m_tags->isModified()
            || m_deck->currentData().toLongLong() != m_card->deckId);
}

bool CardEditor::hasConflict() const
{
    return !m_conflict->isHidden();
}

QString CardEditor::conflictMessage() const
{
    return hasConflict() ? m_conflictText->text() : QString();
}

collection::CardEdit CardEditor::currentEdit() const
{
    collection::CardEdit edit;
    edit.front = m_front->toPlainText();
    edit.back = m_back->toPlainText();
    edit.tags = m_tags->text().split(u' ', Qt::SkipEmptyParts);
    edit.deckId = m_deck->currentData().toLongLong();
    edit.expectedEtag = m_card ? std::optional<QString>(m_card->etag()) : std::nullopt;
    return edit;
}

void CardEditor::save()
{
    if (m_card)
        send(currentEdit());
}

void CardEditor::send(const collection::CardEdit &edit)
{
    const qint64 cardId = m_card->cardId;
    m_save->setEnabled(false);
    m_context->call(
        this, [cardId, edit](CollectionClient &client) { return client.updateCard(cardId, edit); },
        [this, cardId](Result<collection::CardRecord> saved) {
            m_save->setEnabled(true);
            if (!m_card || m_card->cardId != cardId)
                return; // the user moved on; the result is shown by the table's refresh
            if (!saved) {
                if (saved.code() == ErrorCode::StaleCard)
                    return showConflict(true);
                return showStatus(errorMessage(saved.error())); // the text stays as typed
            }
            setCard(saved.value());
            showStatus(u"Saved."_s);
            Q_EMIT cardSaved(saved.value());
            m_context->notifyChanged();
        });
}

void CardEditor::reload()
{
    if (!m_card)
        return;
    const qint64 cardId = m_card->cardId;
    m_context->call(
        this, [cardId](CollectionClient &client) { return client.card(cardId); },
        [this, cardId](Result<collection::CardRecord> card) {
            if (!m_card || m_card->cardId != cardId)
                return;
            if (!card)
                return showStatus(errorMessage(card.error()));
            setCard(card.value());
            showStatus(u"Reloaded the card as it is now."_s);
            Q_EMIT cardSaved(card.value());
        });
}

void CardEditor::saveOverOtherChange()
{
    if (!m_card)
        return;
    // Take the current version as the base, then save the user's text over it.
    const qint64 cardId = m_card->cardId;
    const collection::CardEdit edit = currentEdit();
    m_context->call(
        this, [cardId](CollectionClient &client) { return client.card(cardId); },
        [this, cardId, edit](Result<collection::CardRecord> card) {
            if (!m_card || m_card->cardId != cardId)
                return;
            if (!card)
                return showStatus(errorMessage(card.error()));
            *m_card = card.value(); // the version the user saw: saving over it again conflicts only anew
            collection::CardEdit overwrite = edit;
            overwrite.expectedEtag = card->etag();
            showConflict(false);
            send(overwrite);
        });
}

void CardEditor::showConflict(bool shown)
{
    m_conflictText->setText(
        u"This card was changed elsewhere (another window, or a device through the server) since you "
        "opened it, so your edit was not saved. Your text is still here: reload the card to see the "
        "other change, or save yours over it."_s);
    m_conflict->setVisible(shown);
}

void CardEditor::showStatus(const QString &text)
{
    m_status->setText(text);
}

} // namespace javumbo::gui
