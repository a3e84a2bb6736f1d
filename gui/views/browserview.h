#pragma once

#include "collection/records.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QTableView;

namespace javumbo {
struct Error;
}

namespace javumbo::gui {

class CardEditor;
class CardTableModel;
class ClientContext;

// The card browser: Anki-style search (text, deck:, tag:, is:due, is:new,
// is:suspended, -negation), a sortable table, an edit pane, delete and
// suspend / unsuspend.
class BrowserView : public QWidget
{
    Q_OBJECT
public:
    explicit BrowserView(ClientContext *context, QWidget *parent = nullptr);
    ~BrowserView() override;

    CardTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    CardEditor *editor() const { return m_editor; }
    QLineEdit *searchField() const { return m_search; }
    bool isLoading() const { return m_loading; }
    std::optional<qint64> selectedCardId() const;
    void selectCard(qint64 cardId);

public Q_SLOTS:
    void search(const QString &text);
    void refresh();
    void deleteSelected();
    void toggleSuspended();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void selectionChanged();
    void showError(const Error &error);
    const collection::CardRecord *selectedCard() const;

    ClientContext *m_context;
    QLineEdit *m_search;
    CardTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_table;
    QSplitter *m_splitter;
    CardEditor *m_editor;
    QPushButton *m_suspend;
    QPushButton *m_delete;
    QLabel *m_status;
    bool m_loading = false;
    bool m_stale = true;
    qint64 m_reselect = 0;
};

} // namespace javumbo::gui
