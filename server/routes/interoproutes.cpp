#include "routes.h"

#include "services/backend.h"
#include "services/interopservice.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QUrl>

using namespace Qt::StringLiterals;

// POST /import and GET /export (docs/api.md "Import and export"; docs/scheduling.md §11).
// The bodies are files, not JSON: these are the two routes whose bodies may
// exceed 1 MiB (TransportLimits::largeBodyPaths refuses larger ones from the head).
namespace javumbo::server::routes {

namespace {

constexpr qint64 kMaxUploadBytes = qint64(100) << 20;
constexpr int kTextHeaderLines = 6; // the #-lines an exported text file starts with

QByteArray contentType(const HttpRequest &request)
{
    return request.header("content-type").split(';').first().trimmed().toLower();
}

Result<std::optional<qint64>> optionalDeck(RequestContext &context)
{
    if (!context.request.query.hasQueryItem(u"deck_id"_s))
        return std::optional<qint64> {};
    bool ok = false;
    const qint64 deckId = context.request.query.queryItemValue(u"deck_id"_s).toLongLong(&ok);
    if (!ok || deckId <= 0)
        return makeError(ErrorCode::BadRequest, u"deck_id must be a positive integer"_s);
    auto exists = context.backend.decks().exists(context.userId(), deckId);
    if (!exists)
        return exists.error();
    if (!exists.value())
        return makeError(ErrorCode::DeckNotFound, u"deck %1 not found"_s.arg(deckId));
    return std::optional<qint64> {deckId};
}

// The format of an upload: the query's, else what the content type implies.
Result<QString> importFormat(const HttpRequest &request)
{
    const QByteArray type = contentType(request);
    QString format = request.query.queryItemValue(u"format"_s).toLower();
    if (format.isEmpty())
        format = type == "application/zip" ? u"apkg"_s : u"csv"_s;
    // A .colpkg replaces the whole collection: only when the client says so in so many words.
    if (format == u"colpkg"_s && request.query.queryItemValue(u"replace"_s) != u"true"_s)
        return makeError(ErrorCode::UnsupportedPackage,
            u"a .colpkg replaces your whole collection (after a backup): send it with replace=true, or "
            u"send an .apkg to merge"_s);
    if (format != u"apkg"_s && format != u"csv"_s && format != u"colpkg"_s)
        return makeError(ErrorCode::BadRequest, u"format must be apkg, colpkg or csv"_s);
    const bool zip = type == "application/zip" || type == "application/octet-stream";
    const bool text = type == "text/csv" || type == "text/tab-separated-values" || type == "text/plain";
    if ((format != u"csv"_s && !zip) || (format == u"csv"_s && !text))
        return makeError(ErrorCode::UnsupportedMediaType,
            format != u"csv"_s ? u"send a package as application/zip"_s
                               : u"send a text file as text/csv or text/tab-separated-values"_s);
    return format;
}

QJsonObject summaryJson(const interop::ImportSummary &summary)
{
    QJsonArray skipped;
    for (const interop::SkippedItem &item : summary.skipped) {
        QJsonObject entry {{u"reason"_s, item.reason}};
        if (item.line > 0)
            entry.insert(u"line"_s, item.line);
        skipped.append(entry);
    }
    if (summary.skippedNotListed > 0)
        skipped.append(QJsonObject {{u"reason"_s, u"%1 more not listed"_s.arg(summary.skippedNotListed)}});
    return QJsonObject {{u"notes_added"_s, summary.notesAdded}, {u"notes_updated"_s, summary.notesUpdated},
        {u"notes_unchanged"_s, summary.notesUnchanged}, {u"cards_added"_s, summary.cardsAdded},
        {u"decks_created"_s, summary.decksCreated}, {u"media_added"_s, summary.mediaAdded},
        {u"skipped"_s, skipped}, {u"simplified"_s, QJsonArray::fromStringList(summary.simplified)}};
}

// The collection becomes the package's after a backup of the old one, in one
// transaction under the user's lock (docs/api.md §7a), as the desktop's File > Import does.
Result<HttpResponse> replaceCollection(RequestContext &context)
{
    if (context.request.query.hasQueryItem(u"deck_id"_s))
        return makeError(
            ErrorCode::BadRequest, u"a .colpkg replaces the whole collection: leave deck_id out"_s);
    auto replaced = InteropService(context.backend.context())
                        .replaceCollection(context.userId(), PackageSource {{}, context.request.body});
    if (!replaced)
        return replaced.error();
    QJsonObject body = summaryJson(replaced->summary);
    // Its name only: where the server keeps files is none of a client's business.
    body.insert(u"backup"_s, QFileInfo(replaced->backupPath).fileName());
    return HttpResponse::json(200, body);
}

Result<HttpResponse> importFile(RequestContext &context)
{
    const HttpRequest &request = context.request;
    auto format = importFormat(request);
    if (!format)
        return format.error();
    if (request.body.size() > kMaxUploadBytes)
        return makeError(ErrorCode::PayloadTooLarge, u"an import may be at most 100 MiB"_s);
    if (request.body.isEmpty())
        return format.value() != u"csv"_s ? makeError(ErrorCode::InvalidPackage,
                   u"the request has no file: send"
                   " the package as the body"_s)
                                          : makeError(ErrorCode::InvalidCsv,
                                              u"the request has no file: send"
                                              " the text as the body"_s);
    if (format.value() == u"colpkg"_s)
        return replaceCollection(context);
    auto deck = optionalDeck(context);
    if (!deck)
        return deck.error();
    interop::ImportOptions options;
    options.deckId = deck.value();
    const InteropService service(context.backend.context());
    Result<interop::ImportSummary> summary = makeError(ErrorCode::Internal, QString());
    if (format.value() == u"apkg"_s) {
        summary = service.importPackage(context.userId(), PackageSource {{}, request.body}, options);
    } else {
        if (!options.deckId) {
            auto current = effectiveDeck(context, std::nullopt);
            if (!current)
                return current.error();
            options.deckId = current.value();
        }
        summary = service.importText(context.userId(), request.body, options);
    }
    if (!summary)
        return summary.error();
    return HttpResponse::json(200, summaryJson(summary.value()));
}

QByteArray attachment(const QString &stem, const QString &suffix)
{
    QString ascii = stem;
    ascii.replace(QRegularExpression(u"[^A-Za-z0-9._ -]+"_s), u"_"_s);
    const QByteArray encoded = QUrl::toPercentEncoding(stem + suffix);
    return "attachment; filename=\"" + (ascii + suffix).toLatin1() + "\"; filename*=UTF-8''" + encoded;
}

Result<HttpResponse> exportFile(RequestContext &context)
{
    const QString format = context.request.query.queryItemValue(u"format"_s).toLower();
    if (format != u"apkg"_s && format != u"csv"_s && format != u"colpkg"_s)
        return makeError(ErrorCode::BadRequest, u"format must be apkg, colpkg or csv"_s);
    const bool whole = format == u"colpkg"_s;
    if (whole && context.request.query.hasQueryItem(u"deck_id"_s))
        return makeError(ErrorCode::BadRequest, u"a .colpkg holds the whole collection: leave deck_id out"_s);
    const QString scheduling = context.request.query.queryItemValue(u"scheduling"_s).toLower();
    if (!scheduling.isEmpty() && scheduling != u"true"_s && scheduling != u"false"_s)
        return makeError(ErrorCode::BadRequest, u"scheduling must be true or false"_s);
    auto deck = optionalDeck(context);
    if (!deck)
        return deck.error();
    QString name = u"collection"_s;
    if (deck.value()) {
        auto decks = context.backend.decks().list(context.userId());
        if (!decks)
            return decks.error();
        for (const collection::DeckSummary &summary : decks.value()) {
            if (summary.id == *deck.value())
                name = QString(summary.name).replace(u"::"_s, u" - "_s);
        }
    }
    const InteropService service(context.backend.context());
    HttpResponse response;
    if (format == u"csv"_s) {
        auto text = service.exportText(context.userId(), deck.value());
        if (!text)
            return text.error();
        response.contentType = "text/tab-separated-values; charset=utf-8";
        response.body = text.value();
        response.withHeader("X-Export-Notes", QByteArray::number(text->count('\n') - kTextHeaderLines));
        return response.withHeader("Content-Disposition", attachment(name, u".txt"_s));
    }
    QTemporaryDir work;
    if (!work.isValid())
        return makeError(ErrorCode::StorageUnavailable, u"cannot create a temporary folder"_s);
    interop::PackageExportOptions options;
    options.wholeCollection = whole;
    options.deckId = deck.value();
    options.withScheduling = whole || scheduling != u"false"_s; // a .colpkg is a backup: all of it
    const QString path = work.filePath(u"export.apkg"_s);
    auto exported = service.exportPackage(context.userId(), options, path);
    if (!exported)
        return exported.error();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::StorageUnavailable, u"cannot read the package just written"_s);
    response.contentType = "application/zip";
    response.body = file.readAll();
    // What the desktop's export reports (docs/api.md §7a), for a remote client too.
    response.withHeader("X-Export-Notes", QByteArray::number(exported->notes))
        .withHeader("X-Export-Cards", QByteArray::number(exported->cards))
        .withHeader("X-Export-Reviews", QByteArray::number(exported->revlog))
        .withHeader("X-Export-Media", QByteArray::number(exported->media));
    return response.withHeader("Content-Disposition", attachment(name, whole ? u".colpkg"_s : u".apkg"_s));
}

} // namespace

QList<Endpoint> interop()
{
    return {
        {"POST", u"/api/v1/import"_s, Access::User, BodyKind::None, importFile},
        {"GET", u"/api/v1/export"_s, Access::User, BodyKind::None, exportFile},
    };
}

} // namespace javumbo::server::routes
