#pragma once

#include <QWidget>

class QTreeView;
class QLabel;

namespace javumbo {
struct Error;
}

namespace javumbo::gui {

class ClientContext;
class DeckTreeModel;

// The deck list: a tree of decks with their new / learning / due counts, and
// creating, renaming and deleting decks and their options. The Default deck
// cannot be deleted, so Delete is off while it is chosen.
class DeckListView : public QWidget
{
    Q_OBJECT
public:
    explicit DeckListView(ClientContext *context, QWidget *parent = nullptr);

    qint64 currentDeckId() const;
    QString currentDeckName() const;
    DeckTreeModel *model() const { return m_model; }
    // True while a refresh is on its way (the screenshot tour waits for it):
    // until the last one lands, which resets the tree again.
    bool isLoading() const { return m_loading > 0; }

public Q_SLOTS:
    void refresh();
    void createDeck();
    void renameDeck();
    void deleteDeck();
    void openOptions();

Q_SIGNALS:
    void studyRequested(qint64 deckId, const QString &name);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void studyCurrent();
    void updateActions();
    void showError(const QString &what, const Error &error);

    ClientContext *m_context;
    DeckTreeModel *m_model;
    QTreeView *m_tree;
    QLabel *m_summary;
    QAction *m_delete = nullptr;
    QAction *m_options = nullptr;
    qint64 m_wantedDeck = 1; // reselected after each refresh
    int m_loading = 0; // refreshes on their way (showing the page may add one to a caller's)
    bool m_stale = true;
};

} // namespace javumbo::gui
