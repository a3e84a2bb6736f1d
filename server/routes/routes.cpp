#include "routes.h"

#include "api/apiserver.h"
#include "services/backend.h"
#include "services/bulkeditservice.h"

#include <QJsonArray>
#include <QJsonObject>

#include <limits>

using namespace Qt::StringLiterals;

namespace javumbo::server::routes {

QList<Endpoint> all(ApiServer &server)
{
    QList<Endpoint> endpoints;
    endpoints << health(server.backend().context().fault) << accounts(server.options()) << decks() << cards()
              << review() << stats() << admin(server) << web() << interop() << presets() << bulk()
              << insights() << media();
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

Result<void> unburyIfNewDay(RequestContext &context)
{
    auto unburied = BulkEditService(context.backend.context()).unburyIfNewDay(context.userId());
    if (!unburied)
        return unburied.error();
    return {};
}

Result<HttpResponse> undoRefused(const RequestContext &context, const Error &error)
{
    if (error.code != ErrorCode::StaleCard)
        return error;
    HttpResponse response = HttpResponse::error(error, context.requestId);
    response.status = 409;
    return response;
}

QString queryText(const HttpRequest &request, const QString &name)
{
    // QUrlQuery keeps `+` (RFC 3986 gives it no meaning); forms mean a space by it.
    QByteArray encoded = request.query.queryItemValue(name, QUrl::FullyEncoded).toLatin1();
    encoded.replace('+', ' ');
    return QUrl::fromPercentEncoding(encoded);
}

Result<qint64> queryInteger(
    const HttpRequest &request, const QString &name, qint64 fallback, qint64 min, qint64 max)
{
    if (!request.query.hasQueryItem(name))
        return fallback;
    bool ok = false;
    const qint64 value = queryText(request, name).trimmed().toLongLong(&ok);
    if (!ok || value < min || value > max)
        return makeError(ErrorCode::BadRequest,
            u"query parameter %1 must be an integer from %2 to %3"_s.arg(name).arg(min).arg(max));
    return value;
}

Result<std::optional<qint64>> queryDeckId(const HttpRequest &request)
{
    if (!request.query.hasQueryItem(u"deck_id"_s))
        return std::optional<qint64> {};
    auto deckId = queryInteger(request, u"deck_id"_s, 0, 1, std::numeric_limits<qint64>::max());
    if (!deckId)
        return deckId.error();
    return std::optional<qint64> {deckId.value()};
}

} // namespace javumbo::server::routes
