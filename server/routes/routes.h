#pragma once

#include "api/endpoint.h"
#include "common/fault.h"

#include <QJsonArray>
#include <QJsonObject>

namespace javumbo::server {
class ApiServer;
}

// The endpoint table of API.md, one file per resource.
namespace javumbo::server::routes {

QList<Endpoint> all(ApiServer &server);

QList<Endpoint> health(Fault fault);
QList<Endpoint> accounts();
QList<Endpoint> decks();
QList<Endpoint> cards();
QList<Endpoint> review();
QList<Endpoint> admin(ApiServer &server);
QList<Endpoint> web(); // the study page (server/web/) at / and /app/
QList<Endpoint> interop(); // POST /import, GET /export (Anki packages and text files)

// The deck a request means: the explicit one, else the session's current deck,
// else Default when the current deck was deleted meanwhile.
Result<qint64> effectiveDeck(RequestContext &context, std::optional<qint64> explicitDeck);

} // namespace javumbo::server::routes
