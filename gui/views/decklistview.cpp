#include "decklistview.h"

#include "client/clientcontext.h"
#include "client/errormessages.h"
#include "dialogs/deckoptionsdialog.h"
#include "models/counttext.h"
#include "models/decktreemodel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

namespace {
constexpr qint64 kDefaultDeckId = 1; // every collection's first deck, which cannot be deleted (docs/api.md)
}

DeckListView::DeckListView(ClientContext *context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_model(new DeckTreeModel(this))
    , m_tree(new QTreeView(this))
    , m_summary(new QLabel(this))
{
    m_tree->setObjectName(u"deckTree"_s);
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(DeckTreeModel::NameColumn, QHeaderView::Stretch);
    for (int column = DeckTreeModel::NewColumn; column < DeckTreeModel::ColumnCount; ++column) {
        m_tree->header()->setSectionResizeMode(column, QHeaderView::Fixed);
        m_tree->header()->resizeSection(column, 80);
    }
    connect(m_tree, &QTreeView::activated, this, &DeckListView::studyCurrent);

    auto addAction = [this](const QString &text, const QKeySequence &shortcut, auto slot) {
        auto *action = new QAction(text, this);
        action->setShortcut(shortcut);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(action, &QAction::triggered, this, slot);
        QWidget::addAction(action);
        return action;
    };
    QAction *study = addAction(u"&Study"_s, QKeySequence(u"S"_s), &DeckListView::studyCurrent);
    QAction *create = addAction(u"&New deck…"_s, QKeySequence(u"Ctrl+Shift+N"_s), &DeckListView::createDeck);
    QAction *rename = addAction(u"&Rename…"_s, QKeySequence(Qt::Key_F2), &DeckListView::renameDeck);
    m_delete = addAction(u"&Delete…"_s, QKeySequence(QKeySequence::Delete), &DeckListView::deleteDeck);
    m_options = addAction(u"&Options…"_s, QKeySequence(u"O"_s), &DeckListView::openOptions);

    auto *buttons = new QHBoxLayout;
    for (QAction *action : {study, create, rename, m_delete, m_options}) {
        auto *button = new QPushButton(action->text().remove(u'&'), this);
        button->setObjectName(u"deck"_s + action->text().remove(u'&').remove(u'…'));
        button->setToolTip(
            u"%1 (%2)"_s.arg(button->text(), action->shortcut().toString(QKeySequence::NativeText)));
        connect(button, &QPushButton::clicked, action, &QAction::trigger);
        // A button follows its action: Delete is off for the Default deck.
        connect(
            action, &QAction::changed, button, [button, action] { button->setEnabled(action->isEnabled()); });
        buttons->addWidget(button);
    }
    buttons->addStretch();
    buttons->addWidget(m_summary);

    m_summary->setObjectName(u"deckSummary"_s);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tree);
    layout->addLayout(buttons);
    connect(
        m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &DeckListView::updateActions);
    updateActions();

    connect(m_context, &ClientContext::clientChanged, this, [this] {
        m_wantedDeck = 1;
        refresh();
    });
    connect(m_context, &ClientContext::collectionChanged, this, [this] {
        if (isVisible())
            refresh();
        else
            m_stale = true;
    });
}

void DeckListView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        refresh();
    m_tree->setFocus();
}

qint64 DeckListView::currentDeckId() const
{
    const QModelIndex index = m_tree->currentIndex();
    return index.isValid() ? index.siblingAtColumn(0).data(DeckTreeModel::DeckIdRole).toLongLong() : 0;
}

QString DeckListView::currentDeckName() const
{
    const QModelIndex index = m_tree->currentIndex();
    return index.isValid() ? index.siblingAtColumn(0).data(DeckTreeModel::FullNameRole).toString()
                           : QString();
}

void DeckListView::refresh()
{
    m_stale = false;
    if (!m_context->hasClient())
        return;
    if (const qint64 current = currentDeckId())
        m_wantedDeck = current;
    ++m_loading;
    m_context->call(
        this, [](CollectionClient &client) { return client.decks(); },
        [this](Result<QList<collection::DeckSummary>> decks) {
            --m_loading;
            if (!decks) {
                m_summary->setText(errorMessage(decks.error()));
                return;
            }
            m_model->setDecks(decks.value());
            m_tree->expandAll();
            QModelIndex wanted = m_model->indexOfDeck(m_wantedDeck);
            if (!wanted.isValid())
                wanted = m_model->index(0, 0);
            m_tree->setCurrentIndex(wanted);
            int due = 0;
            for (const auto &deck : decks.value()) {
                if (!deck.name.contains(u"::"_s)) // top-level counts include their children
                    due += deck.newCount + deck.learningCount + deck.dueCount;
            }
            m_summary->setText(due ? counted(due, u"card"_s, u"cards"_s) + u" to study today"_s
                                   : u"Nothing to study today"_s);
        });
}

void DeckListView::studyCurrent()
{
    if (const qint64 deckId = currentDeckId())
        Q_EMIT studyRequested(deckId, currentDeckName());
}

void DeckListView::updateActions()
{
    const qint64 deckId = currentDeckId();
    m_delete->setEnabled(deckId != 0 && deckId != kDefaultDeckId);
    m_delete->setToolTip(deckId == kDefaultDeckId ? u"The Default deck cannot be deleted."_s : QString());
    m_options->setEnabled(deckId != 0);
}

void DeckListView::openOptions()
{
    const qint64 deckId = currentDeckId();
    if (!deckId)
        return;
    auto *dialog = new DeckOptionsDialog(m_context, deckId, currentDeckName(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void DeckListView::showError(const QString &what, const Error &error)
{
    QMessageBox::warning(this, what, errorMessage(error));
}

void DeckListView::createDeck()
{
    const QString parentName = currentDeckName();
    bool ok = false;
    const QString name = QInputDialog::getText(this, u"New deck"_s,
        u"Deck name (use :: for a sub-deck, e.g. %1::Verbs):"_s.arg(
            parentName.isEmpty() ? u"Spanish"_s : parentName),
        QLineEdit::Normal, QString(), &ok);
    if (!ok || name.trimmed().isEmpty())
        return;
    m_context->call(
        this, [name](CollectionClient &client) { return client.createDeck(name); },
        [this](Result<collection::DeckSummary> deck) {
            if (!deck)
                return showError(u"New deck"_s, deck.error());
            m_wantedDeck = deck->id;
            m_context->notifyChanged();
        });
}

void DeckListView::renameDeck()
{
    const qint64 deckId = currentDeckId();
    if (!deckId)
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(
        this, u"Rename deck"_s, u"New name:"_s, QLineEdit::Normal, currentDeckName(), &ok);
    if (!ok || name.trimmed().isEmpty() || name == currentDeckName())
        return;
    m_context->call(
        this, [deckId, name](CollectionClient &client) { return client.renameDeck(deckId, name); },
        [this](Result<collection::DeckSummary> deck) {
            if (!deck)
                return showError(u"Rename deck"_s, deck.error());
            m_context->notifyChanged();
        });
}

void DeckListView::deleteDeck()
{
    const qint64 deckId = currentDeckId();
    if (!deckId || deckId == kDefaultDeckId)
        return; // refused before asking: the question would only end in a refusal
    const auto answer = QMessageBox::question(this, u"Delete deck"_s,
        u"Delete the deck “%1”, its sub-decks and all their cards? This cannot be undone."_s.arg(
            currentDeckName()));
    if (answer != QMessageBox::Yes)
        return;
    m_context->call(
        this, [deckId](CollectionClient &client) { return client.deleteDeck(deckId); },
        [this](Result<void> done) {
            if (!done)
                return showError(u"Delete deck"_s, done.error());
            m_wantedDeck = 1;
            m_context->notifyChanged();
        });
}

} // namespace javumbo::gui
