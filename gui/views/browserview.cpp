#include "browserview.h"

#include "cardeditor.h"
#include "client/clientcontext.h"
#include "client/errormessages.h"
#include "models/cardtablemodel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

namespace {

constexpr int kMaxRows = 1000; // CardService's page limit: more is a narrower search

struct BrowserData
{
    QList<collection::DeckSummary> decks;
    collection::CardPage page;
};

} // namespace

BrowserView::BrowserView(ClientContext *context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_search(new QLineEdit(this))
    , m_model(new CardTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_table(new QTableView(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_editor(new CardEditor(context, this))
    , m_suspend(new QPushButton(u"Suspend"_s, this))
    , m_delete(new QPushButton(u"Delete"_s, this))
    , m_status(new QLabel(this))
{
    m_search->setObjectName(u"browserSearch"_s);
    m_search->setClearButtonEnabled(true);
    m_search->setPlaceholderText(
        u"Search: words, \"a phrase\", deck:Spanish, tag:verbs, is:due, added:7, rated:1, prop:ivl>=10, "
        "front:hola, -word"_s);
    connect(m_search, &QLineEdit::returnPressed, this, &BrowserView::refresh);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(CardTableModel::SortRole);
    m_table->setObjectName(u"cardTable"_s);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(CardTableModel::FrontColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    // The texts share the width; the short columns take what their contents need, so nothing is cut off.
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(CardTableModel::FrontColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(CardTableModel::BackColumn, QHeaderView::Stretch);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &BrowserView::selectionChanged);

    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_editor);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    if (!m_splitter->restoreState(QSettings().value(u"browser/splitter"_s).toByteArray()))
        m_splitter->setSizes({420, 300}); // the table first: it is what a search is for

    auto addAction = [this](const QString &text, const QKeySequence &key, auto slot) {
        auto *action = new QAction(text, this);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(action, &QAction::triggered, this, slot);
        QWidget::addAction(action);
        return action;
    };
    addAction(u"Find"_s, QKeySequence::Find, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    QAction *suspend
        = addAction(u"Suspend / unsuspend"_s, QKeySequence(u"Ctrl+J"_s), &BrowserView::toggleSuspended);
    QAction *remove
        = addAction(u"Delete the card"_s, QKeySequence(u"Ctrl+Delete"_s), &BrowserView::deleteSelected);
    m_suspend->setObjectName(u"suspendCard"_s);
    m_delete->setObjectName(u"deleteCard"_s);
    m_suspend->setToolTip(suspend->shortcut().toString(QKeySequence::NativeText));
    m_delete->setToolTip(remove->shortcut().toString(QKeySequence::NativeText));
    connect(m_suspend, &QPushButton::clicked, this, &BrowserView::toggleSuspended);
    connect(m_delete, &QPushButton::clicked, this, &BrowserView::deleteSelected);
    connect(m_editor, &CardEditor::cardSaved, this,
        [this](const collection::CardRecord &card) { m_model->updateCard(card); });

    auto *top = new QHBoxLayout;
    top->addWidget(m_search, 1);
    top->addWidget(m_suspend);
    top->addWidget(m_delete);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_splitter, 1);
    layout->addWidget(m_status);
    m_search->setText(QSettings().value(u"browser/search"_s).toString());

    connect(m_context, &ClientContext::clientChanged, this, [this] {
        m_editor->setCard(std::nullopt);
        refresh();
    });
    connect(m_context, &ClientContext::collectionChanged, this, [this] {
        if (isVisible() && !m_editor->isModified())
            refresh();
        else
            m_stale = true;
    });
    selectionChanged();
}

BrowserView::~BrowserView()
{
    QSettings settings;
    settings.setValue(u"browser/splitter"_s, m_splitter->saveState());
    settings.setValue(u"browser/search"_s, m_search->text());
}

void BrowserView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        refresh();
}

void BrowserView::search(const QString &text)
{
    m_search->setText(text);
    refresh();
}

void BrowserView::refresh()
{
    m_stale = false;
    if (!m_context->hasClient())
        return;
    if (const auto selected = selectedCardId())
        m_reselect = *selected;
    collection::CardQuery query;
    query.search = m_search->text();
    query.limit = kMaxRows;
    m_loading = true;
    m_context->call(
        this,
        [query](CollectionClient &client) -> Result<BrowserData> {
            auto decks = client.decks();
            if (!decks)
                return decks.error();
            auto page = client.findCards(query);
            if (!page)
                return page.error();
            return BrowserData {decks.value(), page.value()};
        },
        [this](Result<BrowserData> loaded) {
            m_loading = false;
            if (!loaded)
                return showError(loaded.error());
            QHash<qint64, QString> names;
            QList<std::pair<qint64, QString>> deckList;
            for (const auto &deck : loaded->decks) {
                names.insert(deck.id, deck.name);
                deckList.append({deck.id, deck.name});
            }
            m_editor->setDecks(deckList);
            m_model->setCards(loaded->page.cards, names);
            m_status->setText(loaded->page.total > loaded->page.cards.size()
                    ? u"Showing %1 of %2 cards: narrow the search to see the rest."_s
                          .arg(loaded->page.cards.size())
                          .arg(loaded->page.total)
                    : u"%1 cards"_s.arg(loaded->page.total));
            if (m_reselect && m_model->rowOf(m_reselect) >= 0)
                selectCard(m_reselect);
            else if (m_model->rowCount() > 0)
                m_table->selectRow(0);
            else
                selectionChanged();
        });
}

std::optional<qint64> BrowserView::selectedCardId() const
{
    const collection::CardRecord *card = selectedCard();
    return card ? std::optional<qint64>(card->cardId) : std::nullopt;
}

const collection::CardRecord *BrowserView::selectedCard() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? m_model->card(m_proxy->mapToSource(current).row()) : nullptr;
}

void BrowserView::selectCard(qint64 cardId)
{
    const int row = m_model->rowOf(cardId);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index);
}

void BrowserView::selectionChanged()
{
    const collection::CardRecord *card = selectedCard();
    m_suspend->setEnabled(card);
    m_delete->setEnabled(card);
    m_suspend->setText(card && card->state.queue == -1 ? u"Unsuspend"_s : u"Suspend"_s);
    // Keep an unsaved edit (or a conflict) of the same card across a refresh.
    if (card && m_editor->cardId() == card->cardId && (m_editor->isModified() || m_editor->hasConflict()))
        return;
    m_editor->setCard(card ? std::optional<collection::CardRecord>(*card) : std::nullopt);
}

void BrowserView::toggleSuspended()
{
    const collection::CardRecord *card = selectedCard();
    if (!card)
        return;
    const qint64 cardId = card->cardId;
    const bool suspend = card->state.queue != -1;
    m_context->call(
        this, [cardId, suspend](CollectionClient &client) { return client.setSuspended(cardId, suspend); },
        [this](Result<collection::CardRecord> changed) {
            if (!changed)
                return showError(changed.error());
            m_model->updateCard(changed.value());
            m_status->setText(changed->state.queue == -1 ? u"Suspended: the card is left out of reviews."_s
                                                         : u"Unsuspended: the card is back in reviews."_s);
            selectionChanged();
            m_context->notifyChanged();
        });
}

void BrowserView::deleteSelected()
{
    const collection::CardRecord *card = selectedCard();
    if (!card)
        return;
    const auto answer = QMessageBox::question(this, u"Delete card"_s,
        u"Delete the card “%1”? This cannot be undone."_s.arg(card->front.section(u'\n', 0, 0).left(60)));
    if (answer != QMessageBox::Yes)
        return;
    const qint64 cardId = card->cardId;
    const QString etag = card->etag(); // deleting a version someone changed since is a conflict
    m_context->call(
        this, [cardId, etag](CollectionClient &client) { return client.deleteCard(cardId, etag); },
        [this, cardId](Result<void> done) {
            if (!done)
                return showError(done.error());
            m_model->removeCard(cardId);
            m_status->setText(u"Card deleted."_s);
            selectionChanged();
            m_context->notifyChanged();
        });
}

void BrowserView::showError(const Error &error)
{
    m_status->setText(errorMessage(error));
}

} // namespace javumbo::gui
