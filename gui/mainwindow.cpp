#include "mainwindow.h"

#include "client/clientcontext.h"
#include "connectionmonitor.h"
#include "dialogs/addcarddialog.h"
#include "dialogs/preferencesdialog.h"
#include "dialogs/shortcutsdialog.h"
#include "hosting/serverpanel.h"
#include "interopactions.h"
#include "loadtest/loadtestpage.h"
#include "profilemenu.h"
#include "theme.h"
#include "views/browserview.h"
#include "views/cardeditor.h"
#include "views/decklistview.h"
#include "views/reviewview.h"
#include "views/statsview.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

MainWindow::MainWindow(ClientContext *context, ProfileStore *profiles, ServerHost *server, QWidget *parent)
    : QMainWindow(parent)
    , m_context(context)
    , m_tabs(new QTabWidget(this))
    , m_profileMenu(new ProfileMenu(profiles, context, this))
    , m_decks(new DeckListView(context, this))
    , m_review(new ReviewView(context, this))
    , m_browser(new BrowserView(context, this))
    , m_stats(new StatsView(context, this))
    , m_server(new ServerPanel(server, this))
    , m_loadTest(new LoadTestPage(this))
{
    setObjectName(u"mainWindow"_s);
    applyTheme(savedTheme());
    m_tabs->setDocumentMode(true);
    setCentralWidget(m_tabs);
    buildMenus();

    addPage(u"Decks"_s, m_decks);
    addPage(u"Study"_s, m_review);
    addPage(u"Browse"_s, m_browser);
    addPage(u"Statistics"_s, m_stats);
    addPage(u"Server"_s, m_server);
    m_loadTestIndex = addPage(u"Load test"_s, m_loadTest);

    connect(m_decks, &DeckListView::studyRequested, this, [this](qint64 deckId, const QString &name) {
        m_review->startDeck(deckId, name);
        showPage(m_review);
    });
    connect(m_review, &ReviewView::backToDecksRequested, this, [this] { showPage(m_decks); });
    connect(m_context, &ClientContext::clientChanged, this, &MainWindow::updateTitle);
    updateTitle();
    // A remote profile's server state in the status bar, shown only for one (a local profile needs no line).
    m_connection = new ConnectionMonitor(m_context, m_profileMenu, this);
    statusBar()->addPermanentWidget(m_connection->stateLabel(), 1);
    statusBar()->setVisible(!m_connection->stateLabel()->isHidden());
    connect(m_connection, &ConnectionMonitor::remoteChanged, statusBar(), &QWidget::setVisible);
    restoreSettings();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(u"&File"_s);
    auto *addCards = file->addAction(u"&Add cards…"_s, this, &MainWindow::openAddCards);
    addCards->setShortcut(QKeySequence::New);
    m_interop = new InteropActions(m_context, this);
    file->addActions(m_interop->actions());
    file->addSeparator();
    auto *quit = file->addAction(u"&Quit"_s, this, &QWidget::close);
    // Ctrl+Q everywhere, as Anki: QKeySequence::Quit is empty under the Windows key scheme (and offscreen).
    quit->setShortcut(QKeySequence(u"Ctrl+Q"_s));
    m_appActions = QList<QAction *> {addCards} + m_interop->actions() + QList<QAction *> {quit};

    menuBar()->addMenu(m_profileMenu);
    m_goMenu = menuBar()->addMenu(u"&Go"_s);
    QMenu *tools = menuBar()->addMenu(u"&Tools"_s);
    auto *preferences = tools->addAction(u"&Preferences…"_s, this, &MainWindow::openPreferences);
    preferences->setShortcut(QKeySequence(u"Ctrl+P"_s));
    m_appActions.append(preferences);

    QMenu *help = menuBar()->addMenu(u"&Help"_s);
    auto *shortcuts = help->addAction(u"&Keyboard shortcuts"_s, this, &MainWindow::showShortcuts);
    shortcuts->setShortcut(QKeySequence::HelpContents);
    help->addAction(u"&About Javumbo"_s, this, [this] {
        QMessageBox::about(this, u"About Javumbo"_s,
            u"<b>Javumbo %1</b><p>Self-hosted flashcards with an SM-2 scheduler like Anki's.</p>"_s.arg(
                QStringLiteral(JAVUMBO_VERSION)));
    });
    m_appActions.append(shortcuts);
}

namespace {

// A page in a scroll area: below its minimum size it scrolls instead of pushing the window's size up.
QScrollArea *scrolling(QWidget *page, QWidget *parent)
{
    auto *area = new QScrollArea(parent);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    area->setWidget(page);
    return area;
}

QWidget *pageIn(QWidget *tab)
{
    auto *area = qobject_cast<QScrollArea *>(tab);
    return area ? area->widget() : tab;
}

} // namespace

int MainWindow::addPage(const QString &title, QWidget *page)
{
    const int index = m_tabs->addTab(scrolling(page, m_tabs), title);
    auto *go = new QAction(title, this);
    // Alt+digit: Ctrl+1..4 flag cards while studying and browsing, as in Anki.
    if (index < 9)
        go->setShortcut(QKeySequence(u"Alt+%1"_s.arg(index + 1)));
    connect(go, &QAction::triggered, this, [this, page] { showPage(page); });
    m_goMenu->addAction(go);
    m_pageActions.append(go);
    return index;
}

void MainWindow::replacePage(int index, QWidget *page)
{
    QWidget *old = m_tabs->widget(index);
    const QString title = m_tabs->tabText(index);
    m_tabs->removeTab(index);
    m_tabs->insertTab(index, scrolling(page, m_tabs), title);
    m_pageActions.value(index)->disconnect(this);
    connect(m_pageActions.value(index), &QAction::triggered, this, [this, page] { showPage(page); });
    if (pageIn(old) == m_loadTest)
        m_loadTest = page;
    delete old;
}

void MainWindow::showPage(QWidget *page)
{
    for (int index = 0; index < m_tabs->count(); ++index) {
        if (pageIn(m_tabs->widget(index)) == page)
            m_tabs->setCurrentIndex(index);
    }
    page->setFocus();
}

QWidget *MainWindow::currentPage() const
{
    return pageIn(m_tabs->currentWidget());
}

void MainWindow::openAddCards()
{
    if (!m_context->hasClient())
        return;
    if (!m_addCards) {
        m_addCards = new AddCardDialog(m_context, this);
        m_addCards->setAttribute(Qt::WA_DeleteOnClose);
        // A new profile has other decks: the dialog belongs to the profile it was opened for.
        connect(m_context, &ClientContext::clientChanged, m_addCards.data(), &QWidget::close);
    }
    // As in Anki: the deck being studied, else the one chosen in the deck list.
    const bool studying = currentPage() == m_review && m_review->deckId();
    m_addCards->setPreferredDeck(studying ? m_review->deckId() : m_decks->currentDeckId());
    m_addCards->show();
    m_addCards->raise();
    m_addCards->activateWindow();
}

void MainWindow::showShortcuts()
{
    QList<ShortcutsDialog::Group> groups {{u"Application"_s, m_appActions}, {u"Pages"_s, m_pageActions},
        {u"Profiles"_s, m_profileMenu->actions()}, {u"Decks"_s, m_decks->actions()},
        {u"Study"_s, m_review->actions()},
        {u"Browse"_s, m_browser->actions() + m_browser->editor()->formatActions()},
        {u"Server"_s, m_server->actions()}, {u"Load test"_s, m_loadTest->actions()}};
    ShortcutsDialog dialog(groups, this);
    dialog.exec();
}

void MainWindow::updateTitle()
{
    const QString profile = m_context->hasClient() ? m_context->client()->profileName() : QString();
    setWindowTitle(profile.isEmpty() ? u"Javumbo"_s : u"%1 — Javumbo"_s.arg(profile));
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(u"window/geometry"_s).toByteArray()))
        resize(1000, 700);
    restoreState(settings.value(u"window/state"_s).toByteArray());
    m_tabs->setCurrentIndex(settings.value(u"window/page"_s, 0).toInt());
    if (currentPage() == m_review) // a review needs a deck chosen first
        showPage(m_decks);
}

void MainWindow::openPreferences()
{
    PreferencesDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted)
        m_review->applyPreferences();
}

bool MainWindow::confirmQuitWhileServing()
{
    const ServerSnapshot &snapshot = m_server->lastSnapshot();
    if (!snapshot.running || snapshot.activeSessions <= 0)
        return true;
    const auto answer = QMessageBox::question(this, u"Quit Javumbo"_s,
        u"The server has %1 logged in. Quitting stops it, and they lose the connection. Quit anyway?"_s.arg(
            snapshot.activeSessions == 1 ? u"1 student"_s : u"%1 students"_s.arg(snapshot.activeSessions)),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    return answer == QMessageBox::Yes;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_quitConfirmed && !confirmQuitWhileServing()) {
        event->ignore();
        return;
    }
    m_quitConfirmed = true;
    if (m_browser->hasUnsavedEdit()) {
        // Anki saves the note before it closes: the edit is written, then the window closes.
        event->ignore();
        m_browser->saveEdits([this](bool saved) {
            if (saved)
                close();
            else {
                m_quitConfirmed = false;
                showPage(m_browser); // the editor says why it was not saved
            }
        });
        return;
    }
    m_quitConfirmed = false;
    QSettings settings;
    settings.setValue(u"window/geometry"_s, saveGeometry());
    settings.setValue(u"window/state"_s, saveState());
    settings.setValue(u"window/page"_s, m_tabs->currentIndex());
    QMainWindow::closeEvent(event);
}

} // namespace javumbo::gui
