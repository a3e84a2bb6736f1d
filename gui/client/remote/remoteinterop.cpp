#include "remoteinterop.h"

#include "interopjson.h"
#include "jsonfields.h"

#include <QFile>
#include <QSaveFile>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace javumbo::gui::remoteinterop {

namespace {

// The file as the body of POST `path`: an .apkg/.colpkg (a zip) or a CSV/TSV text.
Result<RemoteRequest> fileUpload(
    const QString &path, const QString &route, const interop::ProgressSink &progress)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(
            ErrorCode::StorageUnavailable, u"cannot read %1: %2"_s.arg(path, file.errorString()));
    interop::report(progress, u"Sending the file to the server"_s, 0, 1);
    RemoteRequest upload;
    upload.method = "POST";
    upload.path = route;
    upload.body = file.readAll();
    const bool package = upload.body.startsWith(QByteArrayLiteral("PK\x03\x04"));
    upload.headers.append({QByteArrayLiteral("Content-Type"),
        QByteArray(package ? "application/zip" : "text/csv; charset=utf-8")});
    return upload;
}

Result<QJsonObject> answer(const Result<RemoteReply> &reply, const interop::ProgressSink &progress)
{
    if (!reply)
        return reply.error();
    interop::report(progress, u"Imported"_s, 1, 1);
    return jsonObject(reply->body, u"import summary"_s);
}

} // namespace

Result<interop::ImportSummary> importFile(const Send &send, const QString &path, std::optional<qint64> deckId,
    const interop::ProgressSink &progress)
{
    QFile probe(path);
    const bool package = probe.open(QIODevice::ReadOnly) && probe.peek(4) == QByteArrayLiteral("PK\x03\x04");
    QString route = u"/import?format="_s + (package ? u"apkg"_s : u"csv"_s);
    if (deckId)
        route += u"&deck_id="_s + QString::number(*deckId);
    auto upload = fileUpload(path, route, progress);
    if (!upload)
        return upload.error();
    auto json = answer(send(upload.value()), progress);
    if (!json)
        return json.error();
    return interopjson::readImportSummary(json.value());
}

Result<std::pair<interop::ImportSummary, QString>> replaceCollection(
    const Send &send, const QString &path, const interop::ProgressSink &progress)
{
    auto upload = fileUpload(path, u"/import?format=colpkg&replace=true"_s, progress);
    if (!upload)
        return upload.error();
    auto json = answer(send(upload.value()), progress);
    if (!json)
        return json.error();
    auto summary = interopjson::readImportSummary(json.value());
    if (!summary)
        return summary.error();
    // The backup lives on the server (docs/api.md §7a): its file name is what the app can show.
    return std::pair {std::move(summary).value(), json->value(u"backup"_s).toString()};
}

Result<interop::PackageExportResult> exportFile(const Send &send, const QString &path, bool csv,
    const interop::PackageExportOptions &options, const interop::ProgressSink &progress)
{
    interop::report(progress, u"Receiving the file from the server"_s, 0, 1);
    RemoteRequest download;
    const QString format = csv ? u"csv"_s : options.wholeCollection ? u"colpkg"_s : u"apkg"_s;
    download.path = u"/export?format="_s + format + u"&scheduling="_s
        + (options.withScheduling ? u"true"_s : u"false"_s);
    if (options.deckId && !(options.wholeCollection && !csv))
        download.path += u"&deck_id="_s + QString::number(*options.deckId);
    download.repeatable = true;
    download.maxReplyBytes = RemoteRequest::kMaxDownloadBytes;
    auto reply = send(download);
    if (!reply)
        return reply.error();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(reply->body) != reply->body.size() || !file.commit())
        return makeError(
            ErrorCode::StorageUnavailable, u"cannot write %1: %2"_s.arg(path, file.errorString()));
    interop::report(progress, u"Exported"_s, 1, 1);
    // What the local export reports, from the answer's headers (docs/api.md §7a).
    interop::PackageExportResult result;
    result.notes = reply->header("x-export-notes").toLongLong();
    result.cards = reply->header("x-export-cards").toLongLong();
    result.revlog = reply->header("x-export-reviews").toLongLong();
    result.media = reply->header("x-export-media").toLongLong();
    return result;
}

} // namespace javumbo::gui::remoteinterop
