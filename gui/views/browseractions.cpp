#include "browseractions.h"

#include "client/clientcontext.h"
#include "dialogs/cardinfodialog.h"
#include "models/counttext.h"

#include <QAction>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QWidget>

using namespace Qt::StringLiterals;
using Kind = javumbo::collection::BulkChange::Kind;

namespace javumbo::gui {

namespace {
constexpr int kUndoDepth = 10;
const char16_t *const kFlagNames[] = {u"Red", u"Orange", u"Green", u"Blue"};
} // namespace

BrowserActions::BrowserActions(ClientContext *context, QWidget *owner, Selection selected, Current current)
    : QObject(owner)
    , m_context(context)
    , m_owner(owner)
    , m_selected(std::move(selected))
    , m_current(std::move(current))
    , m_flagMenu(new QMenu(u"Flag"_s, owner))
{
    m_changeDeck = add(u"Change deck…"_s, QKeySequence(u"Ctrl+D"_s), [this] { chooseDeck(); });
    m_addTags = add(u"Add tags…"_s, QKeySequence(u"Ctrl+Shift+A"_s), [this] { askTags(true); });
    m_removeTags = add(u"Remove tags…"_s, QKeySequence(u"Ctrl+Alt+Shift+A"_s), [this] { askTags(false); });
    m_suspend = add(u"Toggle suspend"_s, QKeySequence(u"Ctrl+J"_s), [this] { toggleSuspended(); });
    for (int flag = 1; flag <= 4; ++flag) {
        QAction *action = add(u"%1 flag"_s.arg(QString::fromUtf16(kFlagNames[flag - 1])),
            QKeySequence(u"Ctrl+%1"_s.arg(flag)), [this, flag] { setFlag(flag); });
        m_flagMenu->addAction(action);
    }
    m_flagMenu->addAction(u"No flag"_s, this, [this] { setFlag(0); });
    m_delete = add(u"Delete"_s, QKeySequence(u"Ctrl+Delete"_s), [this] { deleteCards(); });
    m_undo = add(u"Undo"_s, QKeySequence::Undo, [this] { undo(); });
    // Not Anki's Ctrl+Shift+I: in this one window File > Import has it, and a shared key would do neither.
    m_info = add(u"Card info"_s, QKeySequence(u"Ctrl+Alt+I"_s), [this] { showCardInfo(); });
    m_changeDeck->setObjectName(u"changeDeck"_s);
    m_suspend->setObjectName(u"toggleSuspend"_s);
    m_delete->setObjectName(u"deleteCards"_s);
    m_undo->setObjectName(u"undoBrowser"_s);
    // No updateEnabled() here: the owner is still being built and its selection callbacks are not
    // ready yet; the owner calls it once its table has a model.
}

QAction *BrowserActions::add(const QString &text, const QKeySequence &key, std::function<void()> slot)
{
    auto *action = new QAction(text, m_owner);
    action->setShortcut(key);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(action, &QAction::triggered, this, std::move(slot));
    m_owner->addAction(action);
    m_all.append(action);
    return action;
}

void BrowserActions::updateEnabled()
{
    const bool any = !m_selected().isEmpty() && !m_busy;
    for (QAction *action : std::as_const(m_all))
        action->setEnabled(any);
    m_flagMenu->setEnabled(any);
    m_info->setEnabled(m_current() != nullptr);
    m_undo->setEnabled(!m_undoStack.isEmpty() && !m_busy);
    m_undo->setText(m_undoStack.isEmpty() ? u"Undo"_s : u"Undo %1"_s.arg(m_undoStack.constLast().name));
    const collection::CardRecord *current = m_current();
    m_suspend->setText(current && current->state.queue == -1 ? u"Unsuspend"_s : u"Suspend"_s);
}

void BrowserActions::apply(collection::BulkChange change, const QString &name)
{
    change.cardIds = m_selected();
    if (change.cardIds.isEmpty() || m_busy)
        return;
    m_busy = true;
    updateEnabled();
    m_context->call(
        this, [change](CollectionClient &client) { return client.bulkEdit(change); },
        [this, name](Result<collection::BulkResult> done) {
            m_busy = false;
            if (!done) {
                updateEnabled();
                return Q_EMIT failed(done.error());
            }
            if (!done->undo.isEmpty()) {
                m_undoStack.append(Done {done->undo, name});
                if (m_undoStack.size() > kUndoDepth)
                    m_undoStack.removeFirst();
            }
            updateEnabled();
            m_context->notifyChanged();
            Q_EMIT changed(u"%1: %2 changed. Ctrl+Z undoes it."_s.arg(
                name, counted(done->changed, u"card"_s, u"cards"_s)));
        });
}

void BrowserActions::changeDeckTo(qint64 deckId)
{
    collection::BulkChange change;
    change.kind = Kind::SetDeck;
    change.deckId = deckId;
    apply(change, u"Change Deck"_s);
}

void BrowserActions::addTags(const QStringList &tags)
{
    apply(collection::BulkChange {Kind::AddTags, {}, 0, tags, 0}, u"Add Tags"_s);
}

void BrowserActions::removeTags(const QStringList &tags)
{
    apply(collection::BulkChange {Kind::RemoveTags, {}, 0, tags, 0}, u"Remove Tags"_s);
}

void BrowserActions::toggleSuspended()
{
    // As in Anki: the current card decides which way all selected cards go.
    const collection::CardRecord *current = m_current();
    const bool suspend = !current || current->state.queue != -1;
    apply(collection::BulkChange {suspend ? Kind::Suspend : Kind::Unsuspend, {}, 0, {}, 0},
        suspend ? u"Suspend"_s : u"Unsuspend"_s);
}

void BrowserActions::setFlag(int flag)
{
    // Pressing a card's own flag again takes it off, as in Anki.
    const collection::CardRecord *current = m_current();
    const int wanted = current && current->flags == flag ? 0 : flag;
    apply(collection::BulkChange {Kind::Flag, {}, 0, {}, wanted}, wanted ? u"Flag"_s : u"Remove Flag"_s);
}

void BrowserActions::deleteCards()
{
    // No question asked, as in Anki: Undo brings them back.
    apply(collection::BulkChange {Kind::Delete, {}, 0, {}, 0}, u"Delete"_s);
}

void BrowserActions::undo()
{
    if (m_undoStack.isEmpty() || m_busy)
        return;
    const Done last = m_undoStack.constLast();
    m_busy = true;
    updateEnabled();
    m_context->call(
        this, [record = last.record](CollectionClient &client) { return client.undoBulkEdit(record); },
        [this, name = last.name](Result<int> restored) {
            m_busy = false;
            m_undoStack.removeLast(); // undone, or refused for good (stale): either way it is spent
            updateEnabled();
            if (!restored)
                return Q_EMIT failed(restored.error());
            m_context->notifyChanged();
            Q_EMIT changed(u"Undid %1 (%2)."_s.arg(name, counted(restored.value(), u"card"_s, u"cards"_s)));
        });
}

void BrowserActions::chooseDeck()
{
    if (m_selected().isEmpty() || m_decks.isEmpty())
        return;
    QStringList names;
    for (const auto &deck : std::as_const(m_decks))
        names.append(deck.second);
    const collection::CardRecord *current = m_current();
    int currentIndex = 0;
    for (int i = 0; current && i < m_decks.size(); ++i) {
        if (m_decks.at(i).first == current->deckId)
            currentIndex = i;
    }
    bool ok = false;
    const QString chosen = QInputDialog::getItem(m_owner, u"Change deck"_s,
        u"Move %1 to:"_s.arg(counted(m_selected().size(), u"card"_s, u"cards"_s)), names, currentIndex, false,
        &ok);
    if (ok)
        changeDeckTo(m_decks.value(names.indexOf(chosen)).first);
}

void BrowserActions::askTags(bool adding)
{
    if (m_selected().isEmpty())
        return;
    bool ok = false;
    const QString text = QInputDialog::getText(m_owner, adding ? u"Add tags"_s : u"Remove tags"_s,
        u"Tags (separated by spaces):"_s, QLineEdit::Normal, QString(), &ok);
    const QStringList tags = text.split(u' ', Qt::SkipEmptyParts);
    if (!ok || tags.isEmpty())
        return;
    adding ? addTags(tags) : removeTags(tags);
}

void BrowserActions::showCardInfo()
{
    if (const collection::CardRecord *current = m_current())
        CardInfoDialog::showFor(m_context, current->cardId, m_owner);
}

} // namespace javumbo::gui
