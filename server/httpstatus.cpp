#include "httpstatus.h"

namespace javumbo::server {

int httpStatusFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::BadRequest:
    case ErrorCode::InvalidJson:
    case ErrorCode::InvalidUsername:
    case ErrorCode::WeakPassword:
    case ErrorCode::InvalidEmail:
    case ErrorCode::InvalidEase:
    case ErrorCode::InvalidDeckName:
    case ErrorCode::InvalidQuery:
    case ErrorCode::InvalidPackage:
    case ErrorCode::UnsupportedPackage:
    case ErrorCode::InvalidCsv:
        return 400;
    case ErrorCode::NotAuthenticated:
    case ErrorCode::BadCredentials:
        return 401;
    case ErrorCode::AccountDisabled:
    case ErrorCode::Forbidden:
        return 403;
    case ErrorCode::NotFound:
    case ErrorCode::DeckNotFound:
    case ErrorCode::CardNotFound:
    case ErrorCode::UserNotFound:
        return 404;
    case ErrorCode::MethodNotAllowed:
        return 405;
    case ErrorCode::UsernameTaken:
    case ErrorCode::EmailTaken:
    case ErrorCode::DeckExists:
    case ErrorCode::DefaultDeckProtected:
    case ErrorCode::CardNotReviewable:
    case ErrorCode::AlreadyAnswered:
    case ErrorCode::IdempotencyConflict:
        return 409;
    case ErrorCode::StaleCard:
        return 412;
    case ErrorCode::PayloadTooLarge:
        return 413;
    case ErrorCode::UnsupportedMediaType:
        return 415;
    case ErrorCode::TooManyAttempts:
        return 429;
    case ErrorCode::HeadersTooLarge:
        return 431;
    case ErrorCode::LengthRequired:
        return 411;
    case ErrorCode::ServerBusy:
    case ErrorCode::UserBusy:
    case ErrorCode::StorageUnavailable:
        return 503;
    case ErrorCode::NetworkError:
    case ErrorCode::StorageCorrupt:
    case ErrorCode::Internal:
        return 500;
    }
    return 500;
}

} // namespace javumbo::server
