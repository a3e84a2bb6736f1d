#include "errorcode.h"

using namespace Qt::StringLiterals;

namespace javumbo {

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::BadRequest:
        return u"bad_request"_s;
    case ErrorCode::InvalidJson:
        return u"invalid_json"_s;
    case ErrorCode::UnsupportedMediaType:
        return u"unsupported_media_type"_s;
    case ErrorCode::PayloadTooLarge:
        return u"payload_too_large"_s;
    case ErrorCode::HeadersTooLarge:
        return u"headers_too_large"_s;
    case ErrorCode::NotAuthenticated:
        return u"not_authenticated"_s;
    case ErrorCode::BadCredentials:
        return u"bad_credentials"_s;
    case ErrorCode::AccountDisabled:
        return u"account_disabled"_s;
    case ErrorCode::Forbidden:
        return u"forbidden"_s;
    case ErrorCode::RegistrationClosed:
        return u"registration_closed"_s;
    case ErrorCode::NotFound:
        return u"not_found"_s;
    case ErrorCode::MethodNotAllowed:
        return u"method_not_allowed"_s;
    case ErrorCode::DeckNotFound:
        return u"deck_not_found"_s;
    case ErrorCode::CardNotFound:
        return u"card_not_found"_s;
    case ErrorCode::NothingToUndo:
        return u"nothing_to_undo"_s;
    case ErrorCode::UserNotFound:
        return u"user_not_found"_s;
    case ErrorCode::InvalidUsername:
        return u"invalid_username"_s;
    case ErrorCode::WeakPassword:
        return u"weak_password"_s;
    case ErrorCode::InvalidEmail:
        return u"invalid_email"_s;
    case ErrorCode::InvalidEase:
        return u"invalid_ease"_s;
    case ErrorCode::InvalidDeckName:
        return u"invalid_deck_name"_s;
    case ErrorCode::InvalidQuery:
        return u"invalid_query"_s;
    case ErrorCode::InvalidOptions:
        return u"invalid_options"_s;
    case ErrorCode::PresetNotFound:
        return u"preset_not_found"_s;
    case ErrorCode::InvalidPackage:
        return u"invalid_package"_s;
    case ErrorCode::UnsupportedPackage:
        return u"unsupported_package"_s;
    case ErrorCode::InvalidCsv:
        return u"invalid_csv"_s;
    case ErrorCode::UsernameTaken:
        return u"username_taken"_s;
    case ErrorCode::EmailTaken:
        return u"email_taken"_s;
    case ErrorCode::DeckExists:
        return u"deck_exists"_s;
    case ErrorCode::DefaultDeckProtected:
        return u"default_deck_protected"_s;
    case ErrorCode::CardNotReviewable:
        return u"card_not_reviewable"_s;
    case ErrorCode::StaleCard:
        return u"stale_card"_s;
    case ErrorCode::AlreadyAnswered:
        return u"already_answered"_s;
    case ErrorCode::IdempotencyConflict:
        return u"idempotency_conflict"_s;
    case ErrorCode::TooManyAttempts:
        return u"too_many_attempts"_s;
    case ErrorCode::UserBusy:
        return u"user_busy"_s;
    case ErrorCode::ServerBusy:
        return u"server_busy"_s;
    case ErrorCode::LengthRequired:
        return u"length_required"_s;
    case ErrorCode::StorageUnavailable:
        return u"storage_unavailable"_s;
    case ErrorCode::StorageCorrupt:
        return u"storage_corrupt"_s;
    case ErrorCode::NetworkError:
        return u"network_error"_s;
    case ErrorCode::Internal:
        return u"internal"_s;
    }
    return u"internal"_s;
}

} // namespace javumbo
