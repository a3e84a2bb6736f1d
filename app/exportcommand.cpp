#include "exportcommand.h"

#include "interopcommandline.h"
#include "services/backend.h"
#include "services/interopservice.h"

#include <QSaveFile>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace javumbo::app {

namespace {
const QString kCommand = u"export"_s;
}

int runExport(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Exports one user's collection, or one deck with its children, as an Anki package (.apkg, version 1:"
        " every Anki and AnkiDroid reads it), a whole-collection package (.colpkg) or Anki's tab-separated"
        " text file (.csv/.txt, re-imported by Anki as updates of the same notes)."_s);
    parser.addHelpOption();
    InteropCommandLine common(parser);
    const QCommandLineOption format(u"format"_s, u"apkg, colpkg or csv."_s, u"format"_s);
    const QCommandLineOption noScheduling(
        u"no-scheduling"_s, u"Every card new, no review history, no leech tag (apkg, colpkg)."_s);
    const QCommandLineOption output({u"o"_s, u"output"_s}, u"The file to write."_s, u"file"_s);
    parser.addOptions({format, noScheduling, output});
    parser.process(arguments);
    const QString kind = parser.value(format).toLower();
    if (kind != u"apkg"_s && kind != u"colpkg"_s && kind != u"csv"_s)
        return InteropCommandLine::fail(kCommand, u"--format must be apkg, colpkg or csv"_s, 2);
    if (!parser.isSet(output))
        return InteropCommandLine::fail(kCommand, u"name the file to write with -o"_s, 2);
    if (auto opened = common.open(); !opened)
        return InteropCommandLine::fail(kCommand, opened.error().message);
    auto deck = common.deck(false);
    if (!deck)
        return InteropCommandLine::fail(kCommand, deck.error().message);
    const InteropService service(common.backend().context());
    const QString path = parser.value(output);
    QTextStream out(stdout);

    if (kind == u"csv"_s) {
        auto text = service.exportText(common.userId(), deck.value());
        if (!text)
            return InteropCommandLine::fail(kCommand, text.error().message);
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(text.value()) != text->size() || !file.commit())
            return InteropCommandLine::fail(kCommand, u"cannot write %1: %2"_s.arg(path, file.errorString()));
        out << "wrote " << path << '\n';
        return 0;
    }
    interop::PackageExportOptions options;
    options.wholeCollection = kind == u"colpkg"_s;
    options.deckId = options.wholeCollection ? std::nullopt : deck.value();
    options.withScheduling = !parser.isSet(noScheduling);
    auto exported = service.exportPackage(common.userId(), options, path);
    if (!exported)
        return InteropCommandLine::fail(kCommand, exported.error().message);
    out << "wrote " << path << ": " << exported->notes << " notes, " << exported->cards << " cards, "
        << exported->revlog << " reviews, " << exported->media << " media files\n";
    return 0;
}

} // namespace javumbo::app
