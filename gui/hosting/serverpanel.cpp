#include "serverpanel.h"

#include "classaccountsview.h"
#include "client/clientworker.h"
#include "client/errormessages.h"
#include "models/locktablemodel.h"
#include "reachableurls.h"
#include "serversettingsform.h"
#include "studentaddressview.h"

#include <QAction>
#include <QFontDatabase>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

namespace {

QLabel *figure(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(u"–"_s, parent);
    label->setObjectName(objectName);
    QFont font = label->font();
    font.setPointSize(font.pointSize() + 4);
    font.setBold(true);
    label->setFont(font);
    return label;
}

QWidget *figureBox(QWidget *parent, const QString &caption, QLabel *value)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(value);
    layout->addWidget(new QLabel(caption, box));
    return box;
}

} // namespace

ServerPanel::ServerPanel(ServerHost *host, QWidget *parent)
    : QWidget(parent)
    , m_host(host)
    , m_worker(new ClientWorker(this))
    , m_timer(new QTimer(this))
    , m_locks(new LockTableModel(this))
    , m_form(new ServerSettingsForm(host->dataDirectory(), this))
    , m_address(new StudentAddressView(this))
    , m_accounts(new ClassAccountsView(host, this))
    , m_tabs(new QTabWidget(this))
    , m_startStop(new QPushButton(this))
    , m_url(new QLabel(this))
    , m_rps(figure(this, u"requestsPerSecond"_s))
    , m_p95(figure(this, u"p95"_s))
    , m_total(figure(this, u"totalRequests"_s))
    , m_sessions(figure(this, u"activeSessions"_s))
    , m_message(new QLabel(this))
    , m_lockTable(new QTableView(this))
    , m_log(new QPlainTextEdit(this))
{
    m_accounts->setDataDirectory(m_form->settings().dataDirectory);
    connect(m_form, &ServerSettingsForm::dataDirectoryChanged, this, &ServerPanel::checkDataDirectory);
    m_startStop->setObjectName(u"startStopServer"_s);
    connect(m_startStop, &QPushButton::clicked, this, &ServerPanel::toggle);
    m_url->setObjectName(u"serverUrl"_s);
    m_url->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse);
    m_url->setOpenExternalLinks(true);
    m_url->setWordWrap(true); // several addresses on a small screen
    m_message->setWordWrap(true);

    auto *toggleAction = new QAction(u"Start or stop the server"_s, this);
    toggleAction->setShortcut(QKeySequence(u"Ctrl+R"_s));
    toggleAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(toggleAction, &QAction::triggered, this, &ServerPanel::toggle);
    addAction(toggleAction);
    auto *copyAction = new QAction(u"Copy the server URL"_s, this);
    copyAction->setShortcut(QKeySequence(u"Ctrl+Shift+C"_s));
    copyAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(copyAction, &QAction::triggered, this, &ServerPanel::copyUrl);
    addAction(copyAction);

    auto *serverColumn = new QVBoxLayout;
    serverColumn->addWidget(m_form);
    auto *urlRow = new QHBoxLayout;
    urlRow->addWidget(m_startStop);
    urlRow->addWidget(m_url, 1);
    serverColumn->addLayout(urlRow);
    serverColumn->addWidget(m_message);
    serverColumn->addStretch(1);
    auto *top = new QHBoxLayout;
    top->addLayout(serverColumn, 1);
    top->addWidget(m_address, 1);

    auto *figures = new QHBoxLayout;
    figures->addWidget(figureBox(this, u"requests per second"_s, m_rps));
    figures->addWidget(figureBox(this, u"p95 latency (last 5 s)"_s, m_p95));
    figures->addWidget(figureBox(this, u"requests since start"_s, m_total));
    figures->addWidget(figureBox(this, u"active sessions"_s, m_sessions));

    m_lockTable->setObjectName(u"lockTable"_s);
    m_lockTable->setModel(m_locks);
    m_lockTable->verticalHeader()->hide();
    m_lockTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_lockTable->horizontalHeader()->setStretchLastSection(true);
    m_lockTable->setSelectionMode(QAbstractItemView::NoSelection);
    m_log->setObjectName(u"accessLog"_s);
    m_log->setReadOnly(true);
    m_log->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_log->setMaximumBlockCount(500);
    m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto *activity = new QWidget(m_tabs);
    auto *activityLayout = new QVBoxLayout(activity);
    auto *lockBox = new QGroupBox(u"Per-user locks"_s, activity);
    (new QVBoxLayout(lockBox))->addWidget(m_lockTable);
    auto *logBox = new QGroupBox(u"Access log (newest last)"_s, activity);
    (new QVBoxLayout(logBox))->addWidget(m_log);
    activityLayout->addWidget(lockBox, 1);
    activityLayout->addWidget(logBox, 2);
    m_tabs->setObjectName(u"serverTabs"_s);
    m_tabs->addTab(activity, u"Activity"_s);
    m_tabs->addTab(m_accounts, u"Class accounts"_s);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(figures);
    layout->addWidget(m_tabs, 1);

    m_timer->setInterval(250);
    connect(m_timer, &QTimer::timeout, this, &ServerPanel::requestSnapshot);
    updateControls();
}

ServerPanel::~ServerPanel() = default;

void ServerPanel::setSettings(const ServerSettings &settings)
{
    m_form->setSettings(settings);
    m_accounts->setDataDirectory(settings.dataDirectory);
}

void ServerPanel::checkDataDirectory(const QString &directory)
{
    auto checked = m_host->checkDataDirectory(directory);
    if (!checked) {
        m_message->setText(u"This data directory cannot be served: %1"_s.arg(checked.error().message));
        return;
    }
    m_message->setText(u"The server uses %1 from its next start."_s.arg(checked.value()));
    m_accounts->setDataDirectory(directory);
}

QUrl ServerPanel::studentUrl() const
{
    return m_address->url();
}

void ServerPanel::showClassAccounts()
{
    m_tabs->setCurrentWidget(m_accounts);
}

void ServerPanel::toggle()
{
    if (m_host->isRunning())
        stop();
    else
        start();
}

void ServerPanel::start()
{
    const ServerSettings settings = m_form->settings();
    auto url = m_host->start(settings);
    if (!url) {
        m_message->setText(u"The server did not start: %1"_s.arg(errorMessage(url.error())));
        updateControls();
        return;
    }
    m_snapshot.url = url.value();
    m_reachable = gui::reachableUrls(url.value());
    QUrl studyPage = m_reachable.value(0, url.value()); // the study page is the root (docs/api.md §12)
    if (studyPage.path().isEmpty())
        studyPage.setPath(u"/"_s);
    m_address->setUrl(studyPage);
    m_accounts->setDataDirectory(settings.dataDirectory); // the accounts of the directory served
    m_message->setText(
        u"Serving the study page at %1 and the API at %2 — students log in with their own "
        "accounts."_s.arg(studyPage.toString(), studyPage.resolved(QUrl(u"/api/v1/"_s)).toString()));
    m_log->clear();
    m_timer->start();
    requestSnapshot();
    updateControls();
    Q_EMIT runningChanged(true);
}

void ServerPanel::stop()
{
    m_host->stop();
    m_address->setUrl({});
    m_message->setText(u"Stopped."_s);
    requestSnapshot(); // one last picture: the counters as they ended
    m_timer->stop();
    updateControls();
    Q_EMIT runningChanged(false);
}

void ServerPanel::copyUrl()
{
    m_address->copy();
}

void ServerPanel::requestSnapshot()
{
    if (m_snapshotInFlight)
        return; // never queue snapshots behind a slow one
    m_snapshotInFlight = true;
    ServerHost *host = m_host;
    m_worker->run(
        this, [host] { return host->snapshot(); },
        [this](ServerSnapshot snapshot) {
            m_snapshotInFlight = false;
            draw(snapshot);
        });
}

void ServerPanel::draw(const ServerSnapshot &snapshot)
{
    m_snapshot = snapshot;
    ++m_drawn;
    m_rps->setText(QString::number(snapshot.requestsPerSecond, 'f', 1));
    m_p95->setText(u"%1 ms"_s.arg(snapshot.p95Ms, 0, 'f', 1));
    m_total->setText(QString::number(snapshot.totalRequests));
    m_sessions->setText(QString::number(snapshot.activeSessions));
    m_locks->setRows(snapshot.locks);
    const QString log = snapshot.accessLogTail.join(u'\n');
    if (log != m_log->toPlainText()) { // rewriting an unchanged log would reset the reader's scrolling
        QScrollBar *scroll = m_log->verticalScrollBar();
        const bool following = scroll->value() == scroll->maximum();
        const int position = scroll->value();
        m_log->setPlainText(log);
        scroll->setValue(following ? scroll->maximum() : position);
    }
    updateControls();
}

void ServerPanel::updateControls()
{
    const bool running = m_host->isRunning();
    m_startStop->setText(running ? u"Stop server"_s : u"Start server"_s);
    m_form->setRunning(running);
    QStringList links;
    for (const QUrl &url : std::as_const(m_reachable))
        links.append(u"<a href=\"%1\">%1</a>"_s.arg(url.toString().toHtmlEscaped()));
    m_url->setText(running ? links.join(u" · "_s) : u"not running"_s);
}

} // namespace javumbo::gui
