#pragma once

#include <QList>
#include <QMainWindow>
#include <QPointer>

class QTabWidget;

namespace javumbo::gui {

class AddCardDialog;
class BrowserView;
class ClientContext;
class ConnectionMonitor;
class DeckListView;
class InteropActions;
class ProfileMenu;
class ProfileStore;
class ReviewView;
class ServerHost;
class ServerPanel;
class StatsView;

// The desktop application's main window: pages in tabs (Decks, Study,
// Browse, Statistics, Server, Load test), the menus and the window's
// remembered geometry. It only composes the views; each view holds its own
// logic. addPage() is all a new page needs: each page sits in a scroll area,
// so the window fits a small screen (800×600, or 683×384 at 200 %) and never
// grows with its content. Closing saves the browser's edit first and asks
// while the server has students logged in.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(ClientContext *context, ProfileStore *profiles, ServerHost *server, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Adds a page as a tab with a Go menu entry (Ctrl+<n> for the first nine); returns its index.
    int addPage(const QString &title, QWidget *page);
    // Replaces the page at `index` (e.g. the load-test placeholder by the dashboard).
    void replacePage(int index, QWidget *page);
    void showPage(QWidget *page);
    QWidget *currentPage() const;

    DeckListView *deckList() const { return m_decks; }
    ReviewView *review() const { return m_review; }
    BrowserView *browser() const { return m_browser; }
    StatsView *statistics() const { return m_stats; }
    ServerPanel *serverPanel() const { return m_server; }
    QWidget *loadTestPage() const { return m_loadTest; }
    ProfileMenu *profileMenu() const { return m_profileMenu; }
    ConnectionMonitor *connection() const { return m_connection; }
    int loadTestPageIndex() const { return m_loadTestIndex; }

public Q_SLOTS:
    void openAddCards();
    void showShortcuts();
    void openPreferences();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    // Asks before quitting while the server has students logged in; true when the app may close.
    bool confirmQuitWhileServing();
    void restoreSettings();
    void updateTitle();

    ClientContext *m_context;
    QTabWidget *m_tabs;
    QMenu *m_goMenu = nullptr;
    ProfileMenu *m_profileMenu;
    ConnectionMonitor *m_connection = nullptr;
    InteropActions *m_interop = nullptr;
    DeckListView *m_decks;
    ReviewView *m_review;
    BrowserView *m_browser;
    StatsView *m_stats;
    ServerPanel *m_server;
    QWidget *m_loadTest;
    int m_loadTestIndex = -1;
    QList<QAction *> m_pageActions;
    QList<QAction *> m_appActions;
    QPointer<AddCardDialog> m_addCards;
    bool m_quitConfirmed = false; // asked once per close, not again after the edit pane saved
};

} // namespace javumbo::gui
