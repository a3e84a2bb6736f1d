#include "routes.h"

#include "collection/usercollection.h"
#include "http/clientaddress.h"
#include "services/backend.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace javumbo::server::routes {

namespace {

// Generous transport caps: the credential rules give the precise error.
constexpr int kMaxCredentialField = 4096;

// Behind a TLS proxy (--public-url https://…) the browser must never send the
// session over plain HTTP.
QByteArray sessionCookie(const QString &token, bool clear, const ServerOptions &options)
{
    const QByteArray value = clear ? QByteArray() : token.toLatin1();
    const bool secure = options.publicUrl.scheme() == u"https"_s;
    return "javumbo_session=" + value + "; HttpOnly; SameSite=Lax; Path=/" + (secure ? "; Secure" : "")
        + (clear ? "; Max-Age=0" : "");
}

Result<HttpResponse> registerUser(RequestContext &context, const ServerOptions &options)
{
    if (!options.registrationOpen)
        return makeError(ErrorCode::RegistrationClosed,
            u"registration is closed on this server: ask the administrator for an account"_s);
    Registration registration;
    const JsonBody &body = context.body;
    auto username = body.requiredString(u"username"_s, kMaxCredentialField);
    auto password = body.requiredString(u"password"_s, kMaxCredentialField);
    auto email = body.requiredString(u"email"_s, kMaxCredentialField);
    auto name = body.optionalString(u"name"_s, kMaxCredentialField);
    auto area = body.optionalString(u"area_of_interest"_s, kMaxCredentialField);
    for (const Result<QString> *field : {&username, &password, &email}) {
        if (!*field)
            return field->error();
    }
    for (const auto *field : {&name, &area}) {
        if (!*field)
            return field->error();
    }
    registration.username = username.value();
    registration.password = password.value();
    registration.email = email.value();
    registration.name = name.value().value_or(QString());
    registration.areaOfInterest = area.value().value_or(QString());
    auto account = context.backend.accounts().registerUser(registration);
    if (!account)
        return account.error();
    return HttpResponse::json(
        201, QJsonObject {{u"user_id"_s, account->id}, {u"username"_s, account->username}});
}

Result<HttpResponse> login(RequestContext &context, const ServerOptions &options)
{
    auto username = context.body.requiredString(u"username"_s, kMaxCredentialField);
    if (!username)
        return username.error();
    auto password = context.body.requiredString(u"password"_s, kMaxCredentialField);
    if (!password)
        return password.error();
    LoginThrottle &throttle = context.backend.loginThrottle();
    // A class behind one proxy shares its address: the throttle keys on accounts (docs/api.md §2).
    const QString address = context.client.address.toString();
    const auto retryAfter = throttle.retryAfterSeconds(username.value(), address);
    if (!retryAfter)
        return retryAfter.error(); // never a login let through unchecked
    if (retryAfter.value()) {
        const int seconds = *retryAfter.value();
        HttpResponse response = HttpResponse::error(
            makeError(ErrorCode::TooManyAttempts, u"too many failed logins; retry in %1 s"_s.arg(seconds)),
            context.requestId);
        response.withHeader("Retry-After", QByteArray::number(seconds));
        return response;
    }
    auto account = context.backend.accounts().authenticate(username.value(), password.value());
    if (!account) {
        if (account.code() == ErrorCode::BadCredentials) {
            if (auto recorded = throttle.recordFailure(username.value(), address); !recorded)
                return recorded.error(); // an uncounted failure would be a free guess
        }
        return account.error();
    }
    if (auto cleared = throttle.recordSuccess(username.value(), address); !cleared)
        return cleared.error();
    auto issued = context.backend.sessions().create(account->id);
    if (!issued)
        return issued.error();
    HttpResponse response = HttpResponse::json(200,
        QJsonObject {
            {u"token"_s, issued->token}, {u"user_id"_s, account->id}, {u"username"_s, account->username}});
    response.withHeader("Set-Cookie", sessionCookie(issued->token, false, options));
    return response;
}

Result<HttpResponse> logout(RequestContext &context, const ServerOptions &options)
{
    if (auto done = context.backend.sessions().logout(context.token); !done)
        return done.error();
    HttpResponse response = HttpResponse::noContent();
    response.withHeader("Set-Cookie", sessionCookie(QString(), true, options));
    return response;
}

Result<HttpResponse> me(RequestContext &context)
{
    auto account = context.backend.accounts().findById(context.userId());
    if (!account)
        return account.error();
    return HttpResponse::json(200,
        QJsonObject {
            {u"user_id"_s, account->id},
            {u"username"_s, account->username},
            {u"name"_s, account->name},
            {u"email"_s, account->email},
            {u"area_of_interest"_s, account->areaOfInterest},
            {u"is_admin"_s, account->isAdmin},
            {u"current_deck_id"_s, context.session->currentDeckId},
            {u"session_started"_s, context.session->createdAt},
        });
}

Result<HttpResponse> setCurrentDeck(RequestContext &context)
{
    auto deckId = context.body.requiredInteger(u"deck_id"_s);
    if (!deckId)
        return deckId.error();
    auto exists = context.backend.decks().exists(context.userId(), deckId.value());
    if (!exists)
        return exists.error();
    if (!exists.value())
        return makeError(ErrorCode::DeckNotFound, u"deck %1 not found"_s.arg(deckId.value()));
    auto current = context.backend.sessions().setCurrentDeck(context.token, deckId.value());
    if (!current)
        return current.error();
    return HttpResponse::json(200, QJsonObject {{u"current_deck_id"_s, current.value()}});
}

} // namespace

QList<Endpoint> accounts(const ServerOptions &options)
{
    // The options outlive the endpoints: both belong to the ApiServer.
    const auto with = [&options](Result<HttpResponse> (*handler)(RequestContext &, const ServerOptions &)) {
        return [&options, handler](RequestContext &context) { return handler(context, options); };
    };
    return {
        {"POST", u"/api/v1/register"_s, Access::Public, BodyKind::Json, with(registerUser),
            RunsOn::CredentialPool},
        {"POST", u"/api/v1/login"_s, Access::Public, BodyKind::Json, with(login), RunsOn::CredentialPool},
        {"POST", u"/api/v1/logout"_s, Access::User, BodyKind::None, with(logout)},
        {"GET", u"/api/v1/me"_s, Access::User, BodyKind::None, me},
        {"PUT", u"/api/v1/me/current-deck"_s, Access::User, BodyKind::Json, setCurrentDeck},
    };
}

} // namespace javumbo::server::routes
