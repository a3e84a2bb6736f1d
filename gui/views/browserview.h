#pragma once

#include "collection/records.h"

#include <QWidget>

#include <functional>

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QTableView;
class QToolButton;

namespace javumbo {
struct Error;
}

namespace javumbo::gui {

class BrowserActions;
class BrowserSidebar;
class CardEditor;
class CardTableModel;
class ClientContext;

// The card browser, as Anki's: a sidebar (today's searches, decks, tags),
// Anki-style search (a term it cannot read is an error under the search box,
// never a silent "0 cards"), a sortable table with several cards selectable,
// changes to all of them at once (BrowserActions) and an edit pane for the
// current card, saved when another row is chosen, the page is left or the
// app quits.
class BrowserView : public QWidget
{
    Q_OBJECT
public:
    explicit BrowserView(ClientContext *context, QWidget *parent = nullptr);
    ~BrowserView() override;

    CardTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    CardEditor *editor() const { return m_editor; }
    BrowserSidebar *sidebar() const { return m_sidebar; }
    BrowserActions *cardActions() const { return m_actions; }
    QLineEdit *searchField() const { return m_search; }
    QString searchError() const;
    bool isLoading() const { return m_loadsInFlight > 0; }
    std::optional<qint64> selectedCardId() const;
    QList<qint64> selectedCardIds() const;
    void selectCard(qint64 cardId);
    // Saves the edit pane (if it has changes), then calls done(saved).
    void saveEdits(std::function<void(bool saved)> done);
    bool hasUnsavedEdit() const;

public Q_SLOTS:
    void search(const QString &text);
    void refresh();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void currentRowChanged(const QModelIndex &current, const QModelIndex &previous);
    void selectionChanged();
    void showError(const Error &error);
    void fitTextColumns();
    const collection::CardRecord *selectedCard() const;

    ClientContext *m_context;
    QLineEdit *m_search;
    QLabel *m_searchError;
    CardTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_table;
    QSplitter *m_splitter;
    QSplitter *m_sideSplitter;
    BrowserSidebar *m_sidebar;
    CardEditor *m_editor;
    BrowserActions *m_actions;
    QLabel *m_status;
    // Loads overlap (a search typed while the page's first load runs): each
    // result is applied only if no newer load was asked for since, so an
    // older list never replaces a newer one nor moves the selection back.
    int m_loadsInFlight = 0;
    quint64 m_loadSerial = 0;
    bool m_stale = true;
    bool m_switchingRow = false; // a row change waits for the edit pane's save
    qint64 m_reselect = 0;
};

} // namespace javumbo::gui
