#include "guicommand.h"

#include "datadirectory.h"
#include "desktopsession.h"
#include "mainwindow.h"
#include "profilemenu.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QMessageBox>

using namespace Qt::StringLiterals;

namespace javumbo::app {

namespace {

struct GuiConfig
{
    QString dataDir;
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
        "  check    run the integrity checker on a saved run (javumbo check --help)\n"
        "  import   bring in an Anki .apkg/.colpkg or a CSV/TSV file (javumbo import --help)\n"
        "  export   write a collection or deck as .apkg, .colpkg or CSV (javumbo export --help)"_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDir(u"data-dir"_s,
        u"Data directory (admin.db, user_dbs/), shared with `javumbo serve` (default: the platform's "
        "application data directory)."_s,
        u"dir"_s);
    parser.addOption(dataDir);
    parser.process(arguments);
    return GuiConfig {parser.value(dataDir)};
}

} // namespace

int runGui(const QStringList &arguments)
{
    const GuiConfig config = parse(arguments);
    QApplication::setWindowIcon(QIcon(u":/javumbo/icons/javumbo.svg"_s));
    QApplication::setDesktopFileName(u"javumbo"_s);

    auto dataDir = hosting::resolveDataDirectory(config.dataDir);
    if (!dataDir) {
        QMessageBox::critical(nullptr, u"Javumbo"_s, dataDir.error().message);
        return 1;
    }
    SystemClock clock;
    auto session = hosting::DesktopSession::open(dataDir.value(), clock);
    if (!session) {
        QMessageBox::critical(nullptr, u"Javumbo"_s, session.error().message);
        return 1;
    }
    gui::MainWindow &window = session.value()->window();
    if (!window.profileMenu()->openStartupProfile(nullptr))
        return 0;
    window.show();
    return QApplication::exec();
}

} // namespace javumbo::app
