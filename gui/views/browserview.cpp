#include "browserview.h"

#include "browseractions.h"
#include "browsersidebar.h"
#include "cardeditor.h"
#include "client/clientcontext.h"
#include "client/errormessages.h"
#include "models/cardtablemodel.h"
#include "models/counttext.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

namespace {

constexpr int kMaxRows = 1000; // CardService's page limit: more is a narrower search
constexpr int kMinTextColumn = 140; // Front and Back stay readable; on a narrow window the table scrolls

struct BrowserData
{
    QList<collection::DeckSummary> decks;
    QStringList tags;
    Result<collection::CardPage> page = collection::CardPage {};
};

QToolButton *buttonFor(QAction *action, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    button->setToolTip(
        u"%1 (%2)"_s.arg(action->text(), action->shortcut().toString(QKeySequence::NativeText)));
    button->setFocusPolicy(Qt::TabFocus);
    return button;
}

} // namespace

BrowserView::BrowserView(ClientContext *context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_search(new QLineEdit(this))
    , m_searchError(new QLabel(this))
    , m_model(new CardTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_table(new QTableView(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_sideSplitter(new QSplitter(Qt::Horizontal, this))
    , m_sidebar(new BrowserSidebar(this))
    , m_editor(new CardEditor(context, this))
    , m_actions(new BrowserActions(
          context, this, [this] { return selectedCardIds(); }, [this] { return selectedCard(); }))
    , m_status(new QLabel(this))
{
    m_search->setObjectName(u"browserSearch"_s);
    m_search->setClearButtonEnabled(true);
    m_search->setPlaceholderText(
        u"Search: words, \"a phrase\", deck:Spanish, tag:verbs, is:due, added:7, rated:1, prop:ivl>=10, "
        "front:hola, -word"_s);
    connect(m_search, &QLineEdit::returnPressed, this, &BrowserView::refresh);
    // Right under the search box, where the eye is: a search that cannot be read says why.
    m_searchError->setObjectName(u"searchError"_s);
    m_searchError->setWordWrap(true);
    m_searchError->setStyleSheet(u"color: #d32f2f; font-weight: bold;"_s);
    m_searchError->hide();
    connect(m_search, &QLineEdit::textEdited, m_searchError, &QWidget::hide);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(CardTableModel::SortRole);
    m_table->setObjectName(u"cardTable"_s);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(CardTableModel::FrontColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    // The texts share the width; the short columns take what their contents need, so nothing is cut off.
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(CardTableModel::FrontColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(CardTableModel::BackColumn, QHeaderView::Stretch);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->viewport()->installEventFilter(this); // its resize comes after the table laid it out
    connect(header, &QHeaderView::sectionResized, this, [this](int column) {
        if (column != CardTableModel::FrontColumn && column != CardTableModel::BackColumn)
            fitTextColumns(); // a short column grew with its contents
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &BrowserView::currentRowChanged);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, m_actions,
        &BrowserActions::updateEnabled);

    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_editor);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    if (!m_splitter->restoreState(QSettings().value(u"browser/splitter"_s).toByteArray()))
        m_splitter->setSizes({300, 260}); // the table first: it is what a search is for
    connect(m_sidebar, &BrowserSidebar::searchRequested, this, &BrowserView::search);

    auto *find = new QAction(u"Find"_s, this);
    find->setShortcut(QKeySequence::Find);
    find->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QAction::triggered, this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    addAction(find);
    connect(m_editor, &CardEditor::cardSaved, this,
        [this](const collection::CardRecord &card) { m_model->updateCard(card); });
    connect(m_actions, &BrowserActions::changed, this, [this](const QString &status) {
        refresh();
        m_status->setText(status);
    });
    connect(m_actions, &BrowserActions::failed, this, &BrowserView::showError);

    // The commands as one row of buttons: every one reachable without a menu, even at 800×600.
    auto *commands = new QHBoxLayout;
    commands->setSpacing(2);
    for (QAction *action : {m_actions->changeDeckAction(), m_actions->addTagsAction(),
             m_actions->removeTagsAction(), m_actions->suspendAction()})
        commands->addWidget(buttonFor(action, this));
    auto *flag = new QToolButton(this);
    flag->setText(u"Flag"_s);
    flag->setMenu(m_actions->flagMenu());
    flag->setPopupMode(QToolButton::InstantPopup);
    flag->setToolTip(u"Flag the cards (Ctrl+1 to Ctrl+4)"_s);
    commands->addWidget(flag);
    for (QAction *action : {m_actions->deleteAction(), m_actions->undoAction(), m_actions->infoAction()})
        commands->addWidget(buttonFor(action, this));
    m_actions->undoAction()->setIconText(u"Undo"_s); // the action's text names what; the button stays short
    commands->addStretch();

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->setSpacing(4);
    rightLayout->addWidget(m_search);
    rightLayout->addWidget(m_searchError);
    rightLayout->addLayout(commands);
    rightLayout->addWidget(m_splitter, 1);
    rightLayout->addWidget(m_status);
    m_sideSplitter->addWidget(m_sidebar);
    m_sideSplitter->addWidget(right);
    m_sideSplitter->setStretchFactor(1, 1);
    m_sideSplitter->setSizes({150, 650});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_sideSplitter);
    m_search->setText(QSettings().value(u"browser/search"_s).toString());

    connect(m_context, &ClientContext::clientAboutToChange, this, [this] { saveEdits(nullptr); });
    connect(m_context, &ClientContext::clientChanged, this, [this] {
        m_editor->setCard(std::nullopt);
        m_editor->setMediaDirectory(
            m_context->hasClient() ? m_context->client()->mediaDirectory() : QString());
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

bool BrowserView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table->viewport() && event->type() == QEvent::Resize)
        fitTextColumns();
    return QWidget::eventFilter(watched, event);
}

// The texts share what the short columns leave, but never below kMinTextColumn: at 800×600 they
// would shrink to "co…"; then they keep that width and the table scrolls sideways instead.
void BrowserView::fitTextColumns()
{
    QHeaderView *header = m_table->horizontalHeader();
    int others = 0;
    for (int column = 0; column < header->count(); ++column) {
        if (column != CardTableModel::FrontColumn && column != CardTableModel::BackColumn)
            others += header->sectionSize(column);
    }
    const int available = m_table->viewport()->width() - others;
    const bool stretch = available >= 2 * kMinTextColumn;
    const auto mode = stretch ? QHeaderView::Stretch : QHeaderView::Interactive;
    for (int column : {int(CardTableModel::FrontColumn), int(CardTableModel::BackColumn)}) {
        if (header->sectionResizeMode(column) != mode)
            header->setSectionResizeMode(column, mode);
        if (!stretch && header->sectionSize(column) < kMinTextColumn)
            header->resizeSection(column, kMinTextColumn);
    }
}

void BrowserView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        refresh();
}

void BrowserView::hideEvent(QHideEvent *event)
{
    // Leaving the page (another tab, a minimised window) keeps the edit: it is saved now.
    saveEdits(nullptr);
    QWidget::hideEvent(event);
}

bool BrowserView::hasUnsavedEdit() const
{
    return m_editor->isModified() || m_editor->isSaving();
}

void BrowserView::saveEdits(std::function<void(bool saved)> done)
{
    m_editor->saveThen(std::move(done));
}

QString BrowserView::searchError() const
{
    return m_searchError->isHidden() ? QString() : m_searchError->text();
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
    ++m_loadsInFlight;
    const quint64 serial = ++m_loadSerial;
    m_context->call(
        this,
        [query](CollectionClient &client) -> Result<BrowserData> {
            auto decks = client.decks();
            if (!decks)
                return decks.error();
            auto tags = client.tags();
            if (!tags)
                return tags.error();
            return BrowserData {decks.value(), tags.value(), client.findCards(query)};
        },
        [this, serial](Result<BrowserData> loaded) {
            --m_loadsInFlight;
            if (serial != m_loadSerial)
                return; // a newer load is on its way and will draw
            if (!loaded)
                return showError(loaded.error());
            QHash<qint64, QString> names;
            QList<std::pair<qint64, QString>> deckList;
            QStringList deckNames;
            for (const auto &deck : loaded->decks) {
                names.insert(deck.id, deck.name);
                deckList.append({deck.id, deck.name});
                deckNames.append(deck.name);
            }
            m_editor->setDecks(deckList);
            m_actions->setDecks(deckList);
            m_sidebar->setContents(deckNames, loaded->tags);
            const Result<collection::CardPage> &page = loaded->page;
            if (!page) {
                m_model->setCards({}, names);
                m_searchError->setVisible(page.code() == ErrorCode::InvalidQuery);
                m_searchError->setText(u"This search cannot be run: %1."_s.arg(page.error().message));
                m_status->setText(
                    page.code() == ErrorCode::InvalidQuery ? QString() : errorMessage(page.error()));
                return selectionChanged();
            }
            m_searchError->hide();
            m_model->setCards(page->cards, names);
            const QString total = counted(page->total, u"card"_s, u"cards"_s);
            m_status->setText(page->total > page->cards.size()
                    ? u"Showing %1 of %2: narrow the search to see the rest."_s.arg(page->cards.size())
                          .arg(total)
                    : total);
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

QList<qint64> BrowserView::selectedCardIds() const
{
    QList<qint64> ids;
    for (const QModelIndex &row : m_table->selectionModel()->selectedRows()) {
        if (const collection::CardRecord *card = m_model->card(m_proxy->mapToSource(row).row()))
            ids.append(card->cardId);
    }
    return ids;
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
    m_table->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

void BrowserView::currentRowChanged(const QModelIndex &, const QModelIndex &)
{
    if (m_switchingRow)
        return;
    const collection::CardRecord *card = selectedCard();
    const std::optional<qint64> editing = m_editor->cardId();
    if (!editing || (card && card->cardId == *editing) || !m_editor->isModified())
        return selectionChanged();
    // Anki saves the note when the editor lets it go: the edit is written before the next card loads.
    m_switchingRow = true;
    const qint64 left = *editing;
    m_editor->saveThen([this, left](bool saved) {
        m_switchingRow = false;
        if (saved)
            return selectionChanged();
        // Not saved (a conflict, or an error): back to that card, with the text and the reason shown.
        selectCard(left);
    });
}

void BrowserView::selectionChanged()
{
    m_actions->updateEnabled();
    const collection::CardRecord *card = selectedCard();
    // Keep an unsaved edit (or a conflict) of the same card across a refresh.
    if (card && m_editor->cardId() == card->cardId && (m_editor->isModified() || m_editor->hasConflict()))
        return;
    m_editor->setCard(card ? std::optional<collection::CardRecord>(*card) : std::nullopt);
}

void BrowserView::showError(const Error &error)
{
    m_status->setText(errorMessage(error));
}

} // namespace javumbo::gui
