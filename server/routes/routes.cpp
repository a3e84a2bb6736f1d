#include "routes.h"

#include "api/apiserver.h"
#include "services/backend.h"

#include <QJsonArray>
#include <QJsonObject>

namespace javumbo::server::routes {

QList<Endpoint> all(ApiServer &server)
{
    QList<Endpoint> endpoints;
    endpoints << health(server.backend().context().fault) << accounts() << decks() << cards() << review()
              << admin(server) << web() << interop();
    return endpoints;
}

Result<qint64> effectiveDeck(RequestContext &context, std::optional<qint64> explicitDeck)
{
    if (explicitDeck)
        return *explicitDeck;
    const qint64 current = context.session ? context.session->currentDeckId : kDefaultDeckId;
    if (current == kDefaultDeckId)
        return current; // Default cannot be deleted: no need to read the collection on this hot path
    auto exists = context.backend.decks().exists(context.userId(), current);
    if (!exists)
        return exists.error();
    return exists.value() ? current : kDefaultDeckId;
}

} // namespace javumbo::server::routes
