#include "mainwindow.h"

#include "client/clientcontext.h"
#include "dialogs/addcarddialog.h"
#include "dialogs/shortcutsdialog.h"
#include "hosting/serverpanel.h"
#include "interopactions.h"
#include "loadtest/loadtestpage.h"
#include "profilemenu.h"
#include "views/browserview.h"
#include "views/cardeditor.h"
#include "views/decklistview.h"
#include "views/reviewview.h"
#include "views/statsview.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
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
    connect(m_context, &ClientContext::clientChanged, this, &MainWindow::updateTitle);
    updateTitle();
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
    quit->setShortcut(QKeySequence::Quit);
    m_appActions = QList<QAction *> {addCards} + m_interop->actions() + QList<QAction *> {quit};

    menuBar()->addMenu(m_profileMenu);
    m_goMenu = menuBar()->addMenu(u"&Go"_s);

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

int MainWindow::addPage(const QString &title, QWidget *page)
{
    const int index = m_tabs->addTab(page, title);
    auto *go = new QAction(title, this);
    if (index < 9)
        go->setShortcut(QKeySequence(u"Ctrl+%1"_s.arg(index + 1)));
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
    m_tabs->insertTab(index, page, title);
    m_pageActions.value(index)->disconnect(this);
    connect(m_pageActions.value(index), &QAction::triggered, this, [this, page] { showPage(page); });
    if (old == m_loadTest)
        m_loadTest = page;
    delete old;
}

void MainWindow::showPage(QWidget *page)
{
    m_tabs->setCurrentWidget(page);
    page->setFocus();
}

QWidget *MainWindow::currentPage() const
{
    return m_tabs->currentWidget();
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
    m_addCards->setPreferredDeck(m_decks->currentDeckId());
    m_addCards->show();
    m_addCards->raise();
    m_addCards->activateWindow();
}

void MainWindow::showShortcuts()
{
    QList<ShortcutsDialog::Group> groups {{u"Application"_s, m_appActions}, {u"Pages"_s, m_pageActions},
        {u"Profiles"_s, m_profileMenu->actions()}, {u"Decks"_s, m_decks->actions()},
        {u"Study"_s, m_review->actions()},
        {u"Browse"_s, m_browser->actions() + m_browser->editor()->actions()},
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
    if (m_tabs->currentWidget() == m_review) // a review needs a deck chosen first
        m_tabs->setCurrentWidget(m_decks);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(u"window/geometry"_s, saveGeometry());
    settings.setValue(u"window/state"_s, saveState());
    settings.setValue(u"window/page"_s, m_tabs->currentIndex());
    QMainWindow::closeEvent(event);
}

} // namespace javumbo::gui
