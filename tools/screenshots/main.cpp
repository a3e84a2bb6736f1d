// javumbo-screenshots: the desktop app with a sample profile, walked through
// its views, a PNG of each saved into a folder, then it quits. A developer
// tool that does not ship: packaging/screenshots.sh runs it under Xvfb with
// throw-away settings (bash packaging/dev.sh screenshots).
#include "datadirectory.h"
#include "desktopsession.h"
#include "mainwindow.h"
#include "screenshottour.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTemporaryDir>
#include <QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace javumbo;

namespace {

int fail(const QString &message)
{
    QTextStream(stderr) << "javumbo-screenshots: " << message << Qt::endl;
    return 1;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication application(argc, argv);
    // The app's own names: the same settings keys and paths as `javumbo`.
    QCoreApplication::setApplicationName(u"javumbo"_s);
    QCoreApplication::setOrganizationName(u"Javumbo"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(JAVUMBO_VERSION));
    QApplication::setWindowIcon(QIcon(u":/javumbo/icons/javumbo.svg"_s));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Fills a sample profile, saves a PNG of each view of the desktop app into OUTPUT_DIR and quits."_s);
    parser.addHelpOption();
    const QCommandLineOption dataDir(
        u"data-dir"_s, u"Data directory for the sample (default: a fresh temporary one)."_s, u"dir"_s);
    parser.addOption(dataDir);
    parser.addPositionalArgument(u"OUTPUT_DIR"_s, u"Where the PNGs go (created if missing)."_s);
    parser.process(application);
    if (parser.positionalArguments().size() != 1)
        return fail(u"give exactly one OUTPUT_DIR (see --help)"_s);

    QTemporaryDir scratch; // used only without --data-dir: the sample never lands in the user's own data
    if (!parser.isSet(dataDir) && !scratch.isValid())
        return fail(u"cannot create a temporary data directory: %1"_s.arg(scratch.errorString()));
    auto directory
        = hosting::resolveDataDirectory(parser.isSet(dataDir) ? parser.value(dataDir) : scratch.path());
    if (!directory)
        return fail(directory.error().message);

    // A clock the tour can move, so the sample has weeks of history.
    ManualClock clock;
    auto session = hosting::DesktopSession::open(directory.value(), clock);
    if (!session)
        return fail(session.error().message);
    hosting::DesktopSession &desktop = *session.value();
    tools::ScreenshotTour tour(
        &desktop.window(), &desktop.profiles(), &desktop.context(),
        [&clock](qint64 ms) { clock.setNowMs(ms); }, parser.positionalArguments().constFirst());
    QObject::connect(&tour, &tools::ScreenshotTour::finished, &application, &QCoreApplication::exit);
    QMetaObject::invokeMethod(&tour, &tools::ScreenshotTour::start, Qt::QueuedConnection);
    return QApplication::exec();
}
