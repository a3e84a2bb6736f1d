#include "cardeditor.h"

#include "client/clientcontext.h"
#include "client/errormessages.h"
#include "editing/formatbar.h"
#include "editing/richfieldedit.h"

#include <QAction>
#include <QComboBox>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

CardEditor::CardEditor(ClientContext *context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_front(new RichFieldEdit(this))
    , m_back(new RichFieldEdit(this))
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
    m_deck->setObjectName(u"editDeck"_s);
    m_save->setObjectName(u"saveCard"_s);
    m_deck->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_deck->setMinimumContentsLength(12);

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
    m_status->setObjectName(u"editorStatus"_s);
    m_status->setWordWrap(true);

    // Deck and tags share a row, and Save sits beside them: the fields get the height.
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(u"Front:"_s, m_front);
    form->addRow(u"Back:"_s, m_back);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(new QLabel(u"Tags:"_s, this));
    bottom->addWidget(m_tags, 2);
    bottom->addWidget(new QLabel(u"Deck:"_s, this));
    bottom->addWidget(m_deck, 1);
    bottom->addWidget(m_save);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_conflict);
    layout->addWidget(new FormatBar({m_front, m_back}, this));
    layout->addLayout(form, 1);
    layout->addLayout(bottom);
    layout->addWidget(m_status);
    setCard(std::nullopt);
}

void CardEditor::setMediaDirectory(const QString &directory)
{
    m_front->setMediaDirectory(directory);
    m_back->setMediaDirectory(directory);
}

QList<QAction *> CardEditor::formatActions() const
{
    return actions() + m_front->formatActions();
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
    m_front->setField(has ? card->front : QString());
    m_back->setField(has ? card->back : QString());
    m_tags->setText(has ? card->tags.join(u' ') : QString());
    if (has)
        m_deck->setCurrentIndex(std::max(0, m_deck->findData(card->deckId)));
    m_tags->setModified(false);
}

std::optional<qint64> CardEditor::cardId() const
{
    return m_card ? std::optional<qint64>(m_card->cardId) : std::nullopt;
}

bool CardEditor::isModified() const
{
    return m_card
        && (m_front->isModified() || m_back->isModified() || m_tags->isModified()
            || (m_deck->count() > 0 && m_deck->currentData().toLongLong() != m_card->deckId));
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
    edit.front = m_front->field();
    edit.back = m_back->field();
    edit.tags = m_tags->text().split(u' ', Qt::SkipEmptyParts);
    if (m_deck->count() > 0)
        edit.deckId = m_deck->currentData().toLongLong();
    edit.expectedEtag = m_card ? std::optional<QString>(m_card->etag()) : std::nullopt;
    return edit;
}

void CardEditor::save()
{
    if (m_card)
        send(currentEdit(), nullptr);
}

void CardEditor::saveThen(std::function<void(bool saved)> done)
{
    if (!isModified() || hasConflict()) {
        if (done)
            done(!hasConflict());
        return;
    }
    send(currentEdit(), std::move(done));
}

void CardEditor::send(const collection::CardEdit &edit, std::function<void(bool saved)> done)
{
    const qint64 cardId = m_card->cardId;
    m_save->setEnabled(false);
    m_saving = true;
    m_context->call(
        this, [cardId, edit](CollectionClient &client) { return client.updateCard(cardId, edit); },
        [this, cardId, edit, done = std::move(done)](Result<collection::CardRecord> saved) {
            m_saving = false;
            m_save->setEnabled(m_card.has_value());
            const bool current = m_card && m_card->cardId == cardId;
            if (saved)
                Q_EMIT cardSaved(saved.value()); // the table shows it even if the editor moved on
            if (current && !saved) {
                if (saved.code() == ErrorCode::StaleCard)
                    showConflict(true);
                else
                    showStatus(errorMessage(saved.error())); // the text stays as typed
            }
            if (current && saved) {
                // Whatever was typed while the save ran stays; only the version moves on.
                const collection::CardEdit now = currentEdit();
                const bool typedMeanwhile
                    = now.front != edit.front || now.back != edit.back || now.tags != edit.tags;
                if (!typedMeanwhile)
                    setCard(saved.value());
                else
                    *m_card = saved.value(); // the etag covers every field: the saved version is the base
                showStatus(u"Saved."_s);
            }
            if (saved)
                m_context->notifyChanged();
            if (done)
                done(saved.ok());
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
            send(overwrite, nullptr);
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
