// The one executable. The mode is chosen at run time: `serve` and `users`
// run on QCoreApplication (no display needed), as do --help and --version;
// without a mode the desktop app opens.
#include "backupcommand.h"
#include "checkcommand.h"
#include "exportcommand.h"
#include "guicommand.h"
#include "importcommand.h"
#include "loadtestcommand.h"
#include "migratecommand.h"
#include "servecommand.h"
#include "userscommand.h"

#include "common/openfilelimit.h"

#include <QApplication>
#include <QCoreApplication>

#include <cstring>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

enum class Mode
{
    Gui,
    Serve,
    Users,
    LoadTest,
    Check,
    Backup,
    Restore,
    CheckData,
    Import,
    Export,
    Migrate,
};

Mode modeOf(int argc, char **argv)
{
    if (argc > 1 && std::strcmp(argv[1], "serve") == 0)
        return Mode::Serve;
    if (argc > 1 && std::strcmp(argv[1], "users") == 0)
        return Mode::Users;
    if (argc > 1 && std::strcmp(argv[1], "loadtest") == 0)
        return Mode::LoadTest;
    if (argc > 1 && std::strcmp(argv[1], "check") == 0)
        return Mode::Check;
    if (argc > 1 && std::strcmp(argv[1], "backup") == 0)
        return Mode::Backup;
    if (argc > 1 && std::strcmp(argv[1], "restore") == 0)
        return Mode::Restore;
    if (argc > 1 && std::strcmp(argv[1], "check-data") == 0)
        return Mode::CheckData;
    if (argc > 1 && std::strcmp(argv[1], "import") == 0)
        return Mode::Import;
    if (argc > 1 && std::strcmp(argv[1], "export") == 0)
        return Mode::Export;
    if (argc > 1 && std::strcmp(argv[1], "migrate") == 0)
        return Mode::Migrate;
    return Mode::Gui;
}

bool asksForHelpOrVersion(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        for (const char *flag : {"--help", "-h", "--help-all", "--version", "-v"}) {
            if (std::strcmp(argv[i], flag) == 0)
                return true;
        }
    }
    return false;
}

// The arguments of a sub-command, without the mode word.
QStringList subcommandArguments()
{
    QStringList arguments = QCoreApplication::arguments();
    arguments.removeAt(1);
    return arguments;
}

} // namespace

int main(int argc, char **argv)
{
    // Every mode holds many descriptors at once (a server's connections and
    // collections, the load tester's clients, the desktop app's own server).
    javumbo::raiseOpenFileLimit();
    const Mode mode = modeOf(argc, argv);
    const bool headless = mode != Mode::Gui || asksForHelpOrVersion(argc, argv);
    std::unique_ptr<QCoreApplication> app = headless ? std::make_unique<QCoreApplication>(argc, argv)
                                                     : std::make_unique<QApplication>(argc, argv);
    QCoreApplication::setApplicationName(u"javumbo"_s);
    QCoreApplication::setOrganizationName(u"Javumbo"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(JAVUMBO_VERSION));

    switch (mode) {
    case Mode::Serve:
        return javumbo::app::runServe(subcommandArguments());
    case Mode::Users:
        return javumbo::app::runUsers(subcommandArguments());
    case Mode::LoadTest:
        return javumbo::app::runLoadTest(subcommandArguments());
    case Mode::Check:
        return javumbo::app::runCheck(subcommandArguments());
    case Mode::Backup:
        return javumbo::app::runBackup(subcommandArguments());
    case Mode::Restore:
        return javumbo::app::runRestore(subcommandArguments());
    case Mode::CheckData:
        return javumbo::app::runCheckData(subcommandArguments());
    case Mode::Import:
        return javumbo::app::runImport(subcommandArguments());
    case Mode::Export:
        return javumbo::app::runExport(subcommandArguments());
    case Mode::Migrate:
        return javumbo::app::runMigrate(subcommandArguments());
    case Mode::Gui:
        break;
    }

    return javumbo::app::runGui(QCoreApplication::arguments());
}
