#pragma once

#include "collection/bulkedit.h"

#include <QObject>

#include <functional>

class QAction;
class QMenu;
class QWidget;

namespace javumbo {
struct Error;
}

namespace javumbo::gui {

class ClientContext;

// What the browser does to the selected cards, as Anki's Cards and Notes
// menus: change deck, add and remove tags, toggle suspend, flag, delete,
// each one transaction, and Undo that takes the last ones back (ten deep),
// each in one step; Card Info for the current card.
class BrowserActions : public QObject
{
    Q_OBJECT
public:
    using Selection = std::function<QList<qint64>()>;
    using Current = std::function<const collection::CardRecord *()>;
    BrowserActions(ClientContext *context, QWidget *owner, Selection selected, Current current);

    QList<QAction *> actions() const { return m_all; }
    QAction *changeDeckAction() const { return m_changeDeck; }
    QAction *addTagsAction() const { return m_addTags; }
    QAction *removeTagsAction() const { return m_removeTags; }
    QAction *suspendAction() const { return m_suspend; }
    QAction *deleteAction() const { return m_delete; }
    QAction *undoAction() const { return m_undo; }
    QAction *infoAction() const { return m_info; }
    QMenu *flagMenu() const { return m_flagMenu; }
    void setDecks(const QList<std::pair<qint64, QString>> &decks) { m_decks = decks; }
    void updateEnabled();
    bool isBusy() const { return m_busy; }
    int undoDepth() const { return int(m_undoStack.size()); }

public Q_SLOTS:
    void changeDeckTo(qint64 deckId);
    void addTags(const QStringList &tags);
    void removeTags(const QStringList &tags);
    void toggleSuspended();
    void setFlag(int flag);
    void deleteCards();
    void undo();
    void showCardInfo();

Q_SIGNALS:
    // After a change or its undo: the browser refreshes and shows `status`.
    void changed(const QString &status);
    void failed(const javumbo::Error &error);

private:
    struct Done
    {
        collection::BulkUndoRecord record;
        QString name; // "Change Deck", for "Undo Change Deck"
    };
    QAction *add(const QString &text, const QKeySequence &key, std::function<void()> slot);
    void apply(collection::BulkChange change, const QString &name);
    void chooseDeck();
    void askTags(bool adding);

    ClientContext *m_context;
    QWidget *m_owner;
    Selection m_selected;
    Current m_current;
    QList<std::pair<qint64, QString>> m_decks;
    QList<Done> m_undoStack;
    bool m_busy = false;
    QList<QAction *> m_all;
    QAction *m_changeDeck;
    QAction *m_addTags;
    QAction *m_removeTags;
    QAction *m_suspend;
    QAction *m_delete;
    QAction *m_undo;
    QAction *m_info;
    QMenu *m_flagMenu;
};

} // namespace javumbo::gui
