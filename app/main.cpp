// The one executable. The mode is chosen at run time; headless modes and
// --help/--version run on QCoreApplication so they work without a display.
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstring>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

bool wantsHeadless(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const char *arg = argv[i];
        if (std::strcmp(arg, "--help") == 0 || std::strcmp(arg, "-h") == 0
            || std::strcmp(arg, "--version") == 0 || std::strcmp(arg, "-v") == 0
            || std::strcmp(arg, "--help-all") == 0)
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char **argv)
{
    const bool headless = wantsHeadless(argc, argv);
    std::unique_ptr<QCoreApplication> app = headless ? std::make_unique<QCoreApplication>(argc, argv)
                                                     : std::make_unique<QApplication>(argc, argv);
    QCoreApplication::setApplicationName(u"javumbo"_s);
    QCoreApplication::setOrganizationName(u"Javumbo"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(JAVUMBO_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Javumbo: self-hosted flashcards with an SM-2 scheduler like Anki's."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.process(*app);

    javumbo::gui::MainWindow window;
    window.show();
    return app->exec();
}
