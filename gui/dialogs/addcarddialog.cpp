#include "addcarddialog.h"

#include "client/clientcontext.h"
#include "client/errormessages.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

namespace {
const QString kLastDeckKey = u"addCards/lastDeck"_s;
}

AddCardDialog::AddCardDialog(ClientContext *context, QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_deck(new QComboBox(this))
    , m_front(new QPlainTextEdit(this))
    , m_back(new QPlainTextEdit(this))
    , m_tags(new QLineEdit(this))
    , m_status(new QLabel(this))
{
    setWindowTitle(u"Add cards"_s);
    m_deck->setObjectName(u"deck"_s);
    m_front->setObjectName(u"front"_s);
    m_back->setObjectName(u"back"_s);
    m_tags->setObjectName(u"tags"_s);
    m_front->setTabChangesFocus(true);
    m_back->setTabChangesFocus(true);
    m_tags->setPlaceholderText(u"space-separated, e.g. verbs chapter1"_s);
    m_status->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_add = buttons->addButton(u"Add"_s, QDialogButtonBox::AcceptRole);
    m_add->setToolTip(u"Add the card and clear the fields (Ctrl+Enter)"_s);
    m_add->setDefault(false);
    m_add->setAutoDefault(false);
    // AcceptRole would close the dialog; adding keeps it open.
    disconnect(buttons, &QDialogButtonBox::accepted, nullptr, nullptr);
    connect(m_add, &QPushButton::clicked, this, &AddCardDialog::addCard);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (const QKeySequence &key : {QKeySequence(u"Ctrl+Return"_s), QKeySequence(u"Ctrl+Enter"_s)})
        connect(new QShortcut(key, this), &QShortcut::activated, this, &AddCardDialog::addCard);

    auto *form = new QFormLayout(this);
    form->addRow(u"&Deck:"_s, m_deck);
    form->addRow(u"&Front:"_s, m_front);
    form->addRow(u"&Back:"_s, m_back);
    form->addRow(u"&Tags:"_s, m_tags);
    form->addRow(m_status);
    form->addRow(buttons);
    resize(520, 420);

    m_wantedDeck = QSettings().value(kLastDeckKey, 0).toLongLong();
    loadDecks();
}

void AddCardDialog::setPreferredDeck(qint64 deckId)
{
    if (QSettings().contains(kLastDeckKey))
        return;
    m_wantedDeck = deckId;
    if (const int index = m_deck->findData(deckId); index >= 0)
        m_deck->setCurrentIndex(index);
}

void AddCardDialog::loadDecks()
{
    m_context->call(
        this, [](CollectionClient &client) { return client.decks(); },
        [this](Result<QList<collection::DeckSummary>> decks) {
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

void AddCardDialog::addCard()
{
    collection::NewCard card;
    card.front = m_front->toPlainText();
    card.back = m_back->toPlainText();
    card.deckId = chosenDeck();
    card.tags = m_tags->text().split(u' ', Qt::SkipEmptyParts);
    if (card.front.trimmed().isEmpty()) {
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
            QSettings().setValue(kLastDeckKey, added->deckId);
            m_wantedDeck = added->deckId;
            m_status->setText(u"Added “%1” (%2 this session)."_s.arg(
                added->front.section(u'\n', 0, 0).left(40), QString::number(m_added)));
            // Tags and deck stay: the next card is usually like this one.
            m_front->clear();
            m_back->clear();
            m_front->setFocus();
            m_context->notifyChanged();
        });
}

} // namespace javumbo::gui
