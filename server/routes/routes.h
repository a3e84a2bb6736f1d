#pragma once

#include "api/endpoint.h"
#include "api/serveroptions.h"
#include "common/fault.h"

#include <QJsonArray>
#include <QJsonObject>

namespace javumbo::server {
class ApiServer;
}

// The endpoint table of docs/api.md, one file per resource.
namespace javumbo::server::routes {

QList<Endpoint> all(ApiServer &server);

QList<Endpoint> health(Fault fault);
QList<Endpoint> accounts(const ServerOptions &options);
QList<Endpoint> decks();
QList<Endpoint> cards();
QList<Endpoint> review();
QList<Endpoint> stats();
QList<Endpoint> admin(ApiServer &server);
QList<Endpoint> web(); // the study page (server/web/) at / and /app/
QList<Endpoint> interop(); // POST /import, GET /export (Anki packages and text files)
QList<Endpoint> presets(); // option presets (docs/api.md §3.2)
QList<Endpoint> bulk(); // POST /cards/bulk and its undo (§4.6)
QList<Endpoint> insights(); // card info, tags, duplicate fronts (docs/api.md §4.7, §4.8)
QList<Endpoint> media(); // GET /media?name=: a file of the user's media folder (§7a)

// The deck a request means: the explicit one, else the session's current deck,
// else Default when the current deck was deleted meanwhile.
Result<qint64> effectiveDeck(RequestContext &context, std::optional<qint64> explicitDeck);

// An undo that failed: stale_card means something changed since, a conflict
// (409, docs/api.md §6, §4.6), not a failed If-Match precondition (412,
// stale_card's status elsewhere); any other error as usual.
Result<HttpResponse> undoRefused(const RequestContext &context, const Error &error);

// Brings back cards buried on an earlier study day before a list or the next
// card counts them, as the desktop app does (docs/api.md §6); writes at most
// once a day.
Result<void> unburyIfNewDay(RequestContext &context);

// A query parameter as text: `+` is a space, as HTML forms and
// URLSearchParams send it, and %XX is decoded (docs/api.md); empty when absent.
QString queryText(const HttpRequest &request, const QString &name);
// An integer query parameter from min to max; `fallback` when absent.
Result<qint64> queryInteger(
    const HttpRequest &request, const QString &name, qint64 fallback, qint64 min, qint64 max);
// The optional deck_id query parameter (a positive integer).
Result<std::optional<qint64>> queryDeckId(const HttpRequest &request);

} // namespace javumbo::server::routes
