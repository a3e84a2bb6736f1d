#include "importcommand.h"

#include "interopcommandline.h"
#include "services/backend.h"
#include "services/interopservice.h"

#include <QFile>
#include <QFileInfo>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace javumbo::app {

namespace {

const QString kCommand = u"import"_s;

bool isPackage(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"apkg"_s || suffix == u"colpkg"_s || suffix == u"zip"_s)
        return true;
    QFile file(path);
    return file.open(QIODevice::ReadOnly) && file.read(4) == QByteArrayLiteral("PK\x03\x04");
}

bool confirmed(const QString &question)
{
    QTextStream(stderr) << question << " [y/N] " << Qt::flush;
    const QString answer = QTextStream(stdin).readLine().trimmed().toLower();
    return answer == u"y"_s || answer == u"yes"_s;
}

} // namespace

int runImport(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Imports an Anki package (.apkg: merged by note guid; .colpkg: replaces the whole collection after a"
        " backup) or a CSV/TSV text file (Anki's #header lines understood) into one user's collection."_s);
    parser.addHelpOption();
    InteropCommandLine common(parser);
    const QCommandLineOption yes(u"yes"_s, u"Replace without asking (.colpkg)."_s);
    parser.addOption(yes);
    parser.addPositionalArgument(u"file"_s, u"The .apkg, .colpkg, .csv, .tsv or .txt file."_s);
    parser.process(arguments);
    if (parser.positionalArguments().size() != 1)
        return InteropCommandLine::fail(kCommand, u"name one file to import (see --help)"_s, 2);
    const QString path = parser.positionalArguments().first();
    if (!QFileInfo::exists(path))
        return InteropCommandLine::fail(kCommand, u"%1 does not exist"_s.arg(path));
    if (auto opened = common.open(); !opened)
        return InteropCommandLine::fail(kCommand, opened.error().message);
    const InteropService service(common.backend().context());
    QTextStream out(stdout);

    if (QFileInfo(path).suffix().compare(u"colpkg"_s, Qt::CaseInsensitive) == 0) {
        if (!parser.isSet(yes)
            && !confirmed(
                u"Replace the whole collection of %1 with %2? The current one is backed up first."_s.arg(
                    common.username(), path)))
            return InteropCommandLine::fail(kCommand, u"nothing replaced"_s);
        auto replaced = service.replaceCollection(common.userId(), PackageSource {path, {}});
        if (!replaced)
            return InteropCommandLine::fail(
                kCommand, u"%1 (%2)"_s.arg(replaced.error().message, errorCodeName(replaced.code())));
        out << "backup of the old collection: " << replaced->backupPath << '\n' << replaced->summary.text();
        return 0;
    }
    auto deck = common.deck(true);
    if (!deck)
        return InteropCommandLine::fail(kCommand, deck.error().message);
    interop::ImportOptions options;
    options.deckId = deck.value();
    Result<interop::ImportSummary> summary = makeError(ErrorCode::Internal, QString());
    if (isPackage(path)) {
        summary = service.importPackage(common.userId(), PackageSource {path, {}}, options);
    } else {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return InteropCommandLine::fail(kCommand, u"cannot read %1: %2"_s.arg(path, file.errorString()));
        summary = service.importText(common.userId(), file.readAll(), options);
    }
    if (!summary)
        return InteropCommandLine::fail(
            kCommand, u"%1 (%2)"_s.arg(summary.error().message, errorCodeName(summary.code())));
    out << summary->text();
    return 0;
}

} // namespace javumbo::app
