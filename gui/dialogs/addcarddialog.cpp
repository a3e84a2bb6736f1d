#include "addcarddialog.h"

#include "client/clientcontext.h"
#include "client/errormessages.h"
#include "collection/notefields.h"
#include "editing/formatbar.h"
#include "editing/richfieldedit.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

AddCardDialog::AddCardDialog(ClientContext *context, QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_deck(new QComboBox(this))
    , m_front(new RichFieldEdit(this))
    , m_back(new RichFieldEdit(this))
    , m_tags(new QLineEdit(this))
    , m_duplicate(new QLabel(this))
    , m_status(new QLabel(this))
    , m_duplicateTimer(new QTimer(this))
{
    setWindowTitle(u"Add cards"_s);
    m_deck->setObjectName(u"deck"_s);
    m_front->setObjectName(u"front"_s);
    m_back->setObjectName(u"back"_s);
    m_tags->setObjectName(u"tags"_s);
    m_tags->setPlaceholderText(u"space-separated, e.g. verbs chapter1"_s);
    m_status->setObjectName(u"addStatus"_s);
    m_status->setWordWrap(true);
    m_duplicate->setObjectName(u"duplicateWarning"_s);
    m_duplicate->setWordWrap(true);
    m_duplicate->setStyleSheet(u"color: #d32f2f;"_s);
    m_duplicate->hide();
    if (context->hasClient()) {
        m_front->setMediaDirectory(context->client()->mediaDirectory());
        m_back->setMediaDirectory(context->client()->mediaDirectory());
    }

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_add = buttons->addButton(u"Add"_s, QDialogButtonBox::AcceptRole);
    m_add->setObjectName(u"add"_s);
    m_add->setToolTip(u"Add the card and clear the fields (Ctrl+Enter)"_s);
    m_add->setDefault(false);
    m_add->setAutoDefault(false);
    // AcceptRole would close the dialog; adding keeps it open.
    disconnect(buttons, &QDialogButtonBox::accepted, nullptr, nullptr);
    connect(m_add, &QPushButton::clicked, this, &AddCardDialog::addCard);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (const QKeySequence &key : {QKeySequence(u"Ctrl+Return"_s), QKeySequence(u"Ctrl+Enter"_s)})
        connect(new QShortcut(key, this), &QShortcut::activated, this, &AddCardDialog::addCard);

    // Anki's red field: the front is checked against the deck's notes a moment after typing stops.
    m_duplicateTimer->setSingleShot(true);
    m_duplicateTimer->setInterval(250);
    connect(m_duplicateTimer, &QTimer::timeout, this, &AddCardDialog::checkDuplicate);
    connect(m_front, &QTextEdit::textChanged, m_duplicateTimer, qOverload<>(&QTimer::start));
    connect(m_deck, &QComboBox::currentIndexChanged, m_duplicateTimer, qOverload<>(&QTimer::start));

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(u"&Deck:"_s, m_deck);
    form->addRow(new FormatBar({m_front, m_back}, this));
    form->addRow(u"&Front:"_s, m_front);
    form->addRow(m_duplicate);
    form->addRow(u"&Back:"_s, m_back);
    form->addRow(u"&Tags:"_s, m_tags);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    // Typing starts in Front: the deck is chosen already, and Tab goes on to Back, Tags, then Deck.
    setTabOrder(m_front, m_back);
    setTabOrder(m_back, m_tags);
    setTabOrder(m_tags, m_deck);
    m_front->setFocus();
    resize(520, 420);
    loadDecks();
}

void AddCardDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    m_front->setFocus();
}

void AddCardDialog::setPreferredDeck(qint64 deckId)
{
    m_wantedDeck = deckId;
    if (const int index = m_deck->findData(deckId); index >= 0)
        m_deck->setCurrentIndex(index);
}

void AddCardDialog::loadDecks()
{
    m_checking = true;
    m_context->call(
        this, [](CollectionClient &client) { return client.decks(); },
        [this](Result<QList<collection::DeckSummary>> decks) {
            m_checking = false;
            if (!decks) {
                m_status->setText(errorMessage(decks.error()));
                return;
            }
            m_deck->clear();
            for (const auto &deck : decks.value())
                m_deck->addItem(deck.name, deck.id);
            const int index = m_deck->findData(m_wantedDeck);
            m_deck->setCurrentIndex(index >= 0 ? index : 0);
        });
}

qint64 AddCardDialog::chosenDeck() const
{
    return m_deck->currentData().toLongLong();
}

bool AddCardDialog::isDuplicateShown() const
{
    return !m_duplicate->isHidden();
}

QString AddCardDialog::duplicateMessage() const
{
    return isDuplicateShown() ? m_duplicate->text() : QString();
}

void AddCardDialog::checkDuplicate()
{
    const QString front = m_front->field();
    const qint64 deckId = chosenDeck();
    const int generation = ++m_checkGeneration;
    if (collection::notefields::stripHtml(front).trimmed().isEmpty() || !deckId)
        return showDuplicate(false);
    m_checking = true;
    m_context->call(
        this, [deckId, front](CollectionClient &client) { return client.duplicateFronts(deckId, front); },
        [this, generation](Result<QList<qint64>> notes) {
            if (generation != m_checkGeneration)
                return; // the front or the deck changed meanwhile: a newer check is coming
            m_checking = false;
            showDuplicate(notes && !notes->isEmpty());
        });
}

void AddCardDialog::showDuplicate(bool duplicate)
{
    m_checking = false;
    m_duplicate->setText(duplicate
            ? u"Duplicate: “%1” already has a card with this front. You can still add it."_s.arg(
                m_deck->currentText())
            : QString());
    m_duplicate->setVisible(duplicate);
    m_front->setStyleSheet(duplicate ? u"QTextEdit { background: rgba(255, 80, 80, 60); }"_s : QString());
}

void AddCardDialog::addCard()
{
    collection::NewCard card;
    card.front = m_front->field();
    card.back = m_back->field();
    card.deckId = chosenDeck();
    card.tags = m_tags->text().split(u' ', Qt::SkipEmptyParts);
    if (collection::notefields::stripHtml(card.front).trimmed().isEmpty()
        && !card.front.contains(u"<img"_s)) {
        m_status->setText(u"The front must not be empty."_s);
        m_front->setFocus();
        return;
    }
    if (!card.deckId) {
        m_status->setText(u"Choose a deck."_s);
        return;
    }
    m_add->setEnabled(false);
    m_context->call(
        this, [card](CollectionClient &client) { return client.addCard(card); },
        [this](Result<collection::CardRecord> added) {
            m_add->setEnabled(true);
            if (!added) {
                m_status->setText(errorMessage(added.error())); // the fields stay as typed
                return;
            }
            ++m_added;
            m_wantedDeck = added->deckId;
            const QString front = collection::notefields::stripHtml(added->front).simplified();
            m_status->setText(
                u"Added “%1” (%2 this session)."_s.arg(front.left(40), QString::number(m_added)));
            // Tags and deck stay: the next card is usually like this one.
            m_front->clearField();
            m_back->clearField();
            showDuplicate(false);
            m_front->setFocus();
            m_context->notifyChanged();
        });
}

} // namespace javumbo::gui
