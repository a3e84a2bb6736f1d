#include "interopbench.h"

#include "common/clock.h"
#include "locking/userlockregistry.h"
#include "services/interopservice.h"
#include "storage/database.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace javumbo {

namespace {

constexpr int kNotes = 100000;

QString peakMemory()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return u"?"_s;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return QString::fromLatin1(line.mid(6).simplified());
    }
    return u"?"_s;
}

} // namespace

void benchInterop(QTextStream &out)
{
    QTemporaryDir dir;
    SystemClock clock;
    UserLockRegistry locks;
    ServiceContext context;
    context.dataDir = dir.path();
    context.clock = &clock;
    context.locks = &locks;
    QDir().mkpath(QDir(dir.path()).filePath(u"user_dbs"_s));
    for (qint64 user : {1, 2}) {
        if (!collection::UserCollection::create(context.collectionPath(user), clock).ok()) {
            out << "interop: cannot create collections\n";
            return;
        }
    }
    const InteropService service(context);
    QByteArray csv = "#separator:tab\n#html:true\n#tags:bench\n";
    csv.reserve(kNotes * 48);
    for (int i = 0; i < kNotes; ++i)
        csv += "<b>front " + QByteArray::number(i) + "</b>\tback of note " + QByteArray::number(i) + "\n";

    auto line = [&](const char *what, qint64 notes, qint64 elapsedMs, bool ok) {
        out << "  " << what << ": " << (ok ? "" : "FAILED ") << notes << " notes in " << elapsedMs << " ms, "
            << qint64(double(notes) * 1000.0 / double(std::max<qint64>(elapsedMs, 1)))
            << " notes/s, peak memory " << peakMemory() << '\n';
        out.flush();
    };
    out << "Anki interop, " << kNotes << " notes (docs/scheduling.md §11)\n";
    QElapsedTimer timer;
    timer.start();
    auto text = service.importText(1, csv, {});
    line("CSV import", text.ok() ? text->notesAdded : 0, timer.elapsed(), text.ok());

    const QString package = QDir(dir.path()).filePath(u"bench.apkg"_s);
    timer.restart();
    auto exported = service.exportPackage(1, {}, package);
    line(".apkg export", exported.ok() ? exported->notes : 0, timer.elapsed(), exported.ok());
    out << "  .apkg size: " << QFileInfo(package).size() / 1024 << " KiB\n";

    timer.restart();
    auto imported = service.importPackage(2, PackageSource {package, {}}, {});
    line(".apkg import into an empty collection", imported.ok() ? imported->notesAdded : 0, timer.elapsed(),
        imported.ok());
    timer.restart();
    auto again = service.importPackage(2, PackageSource {package, {}}, {});
    line(".apkg import again (all unchanged)", again.ok() ? again->notesUnchanged : 0, timer.elapsed(),
        again.ok());
    timer.restart();
    auto textOut = service.exportText(1, std::nullopt);
    line("text export", textOut.ok() ? kNotes : 0, timer.elapsed(), textOut.ok());
    storage::Database::closeAllOnThisThread();
}

} // namespace javumbo
