#include "remoteinterop.h"

#include "interopjson.h"
#include "jsonfields.h"

#include <QFile>
#include <QSaveFile>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace javumbo::gui::remoteinterop {

Result<interop::ImportSummary> importFile(const Send &send, const QString &path, std::optional<qint64> deckId,
    const interop::ProgressSink &progress)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(
            ErrorCode::StorageUnavailable, u"cannot read %1: %2"_s.arg(path, file.errorString()));
    interop::report(progress, u"Sending the file to the server"_s, 0, 1);
    RemoteRequest upload;
    upload.method = "POST";
    upload.body = file.readAll();
    const bool package = upload.body.startsWith(QByteArrayLiteral("PK\x03\x04"));
    upload.path = u"/import?format="_s + (package ? u"apkg"_s : u"csv"_s);
    if (deckId)
        upload.path += u"&deck_id="_s + QString::number(*deckId);
    upload.headers.append({QByteArrayLiteral("Content-Type"),
        QByteArray(package ? "application/zip" : "text/csv; charset=utf-8")});
    auto reply = send(upload);
    if (!reply)
        return reply.error();
    interop::report(progress, u"Imported"_s, 1, 1);
    auto json = jsonObject(reply->body, u"import summary"_s);
    if (!json)
        return json.error();
    return interopjson::readImportSummary(json.value());
}

Result<interop::PackageExportResult> exportFile(const Send &send, const QString &path, bool csv,
    const interop::PackageExportOptions &options, const interop::ProgressSink &progress)
{
    if (options.wholeCollection && !csv)
        return makeError(ErrorCode::UnsupportedPackage,
            u"a whole-collection package (.colpkg) is not made by the server; export an .apkg of all decks "
            "instead"_s);
    interop::report(progress, u"Receiving the file from the server"_s, 0, 1);
    RemoteRequest download;
    download.path = u"/export?format="_s + (csv ? u"csv"_s : u"apkg"_s) + u"&scheduling="_s
        + (options.withScheduling ? u"true"_s : u"false"_s);
    if (options.deckId)
        download.path += u"&deck_id="_s + QString::number(*options.deckId);
    download.repeatable = true;
    auto reply = send(download);
    if (!reply)
        return reply.error();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(reply->body) != reply->body.size() || !file.commit())
        return makeError(
            ErrorCode::StorageUnavailable, u"cannot write %1: %2"_s.arg(path, file.errorString()));
    interop::report(progress, u"Exported"_s, 1, 1);
    interop::PackageExportResult result;
    if (csv)
        result.notes
            = std::max<qint64>(0, reply->body.count('\n') - 6); // as the local export: six header lines
    return result;
}

} // namespace javumbo::gui::remoteinterop
