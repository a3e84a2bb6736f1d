#include "guicommand.h"

#include "client/clientcontext.h"
#include "client/localprofilestore.h"
#include "datadirectory.h"
#include "embeddedserver.h"
#include "embeddedserverhost.h"
#include "loadtest/loadtestpage.h"
#include "mainwindow.h"
#include "profilemenu.h"
#include "screenshottour.h"
#include "services/backend.h"
#include "storage/database.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QMessageBox>

#include <memory>

using namespace Qt::StringLiterals;

namespace javumbo::app {

namespace {

struct GuiConfig
{
    QString dataDir;
    QString screenshotDir; // non-empty: the screenshot tour (packaging/screenshots.sh)
};

GuiConfig parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Javumbo: self-hosted flashcards with an SM-2 scheduler like Anki's.\n\n"
        "Commands:\n"
        "  (none)   open the desktop app\n"
        "  serve    host the HTTP API (javumbo serve --help)\n"
        "  users    administer accounts (javumbo users --help)\n"
        "  loadtest run the load-testing plan and prove integrity (javumbo loadtest --help)\n"
        "  check    run the integrity checker on a saved run (javumbo check --help)"_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDir(u"data-dir"_s,
        u"Data directory (admin.db, user_dbs/), shared with `javumbo serve` (default: the platform's "
        "application data directory)."_s,
        u"dir"_s);
    QCommandLineOption screenshots(
        u"screenshots"_s, u"Fill a sample profile, save a PNG of each view into <dir> and quit."_s, u"dir"_s);
    screenshots.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({dataDir, screenshots});
    parser.process(arguments);
    GuiConfig config {parser.value(dataDir), parser.value(screenshots)};
    if (config.screenshotDir.isEmpty())
        config.screenshotDir = qEnvironmentVariable("JAVUMBO_SCREENSHOTS");
    return config;
}

} // namespace

int runGui(const QStringList &arguments)
{
    const GuiConfig config = parse(arguments);
    QApplication::setWindowIcon(QIcon(u":/javumbo/icons/javumbo.svg"_s));
    QApplication::setDesktopFileName(u"javumbo"_s);
    const bool touring = !config.screenshotDir.isEmpty();

    auto dataDir = resolveDataDirectory(config.dataDir);
    if (!dataDir) {
        QMessageBox::critical(nullptr, u"Javumbo"_s, dataDir.error().message);
        return 1;
    }
    // The tour runs on a clock it can move, so the sample has weeks of history.
    SystemClock systemClock;
    ManualClock tourClock;
    const Clock &clock = touring ? static_cast<const Clock &>(tourClock) : systemClock;
    UserLockRegistry locks; // one registry: local study and the embedded server
    BackendOptions options;
    options.dataDir = dataDir.value();
    auto backend = std::make_unique<Backend>(options, clock, locks);
    if (auto ready = backend->initialize(); !ready) {
        QMessageBox::critical(nullptr, u"Javumbo"_s, ready.error().message);
        return 1;
    }

    int code = 0;
    {
        EmbeddedServerHost serverHost(*backend);
        gui::LocalProfileStore profiles(*backend);
        gui::ClientContext context;
        gui::MainWindow window(&context, &profiles, &serverHost);
        // Load tests run on scratch servers of their own, never on this data directory.
        if (auto *dashboard = qobject_cast<gui::LoadTestPage *>(window.loadTestPage()))
            dashboard->setScratchServerFactory(EmbeddedServer::scratchServerFactory());
        if (touring) {
            gui::ScreenshotTour tour(
                &window, &profiles, &context, [&tourClock](qint64 ms) { tourClock.setNowMs(ms); },
                config.screenshotDir);
            QObject::connect(&tour, &gui::ScreenshotTour::finished, qApp, &QCoreApplication::exit);
            QMetaObject::invokeMethod(&tour, &gui::ScreenshotTour::start, Qt::QueuedConnection);
            code = QApplication::exec();
        } else {
            if (!window.profileMenu()->openStartupProfile(nullptr))
                return 0;
            window.show();
            code = QApplication::exec();
        }
        serverHost.stop();
    }
    storage::Database::closeAllOnThisThread();
    return code;
}

} // namespace javumbo::app
