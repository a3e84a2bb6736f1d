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
    case ErrorCode::InvalidOptions:
    case ErrorCode::InvalidPackage:
    case ErrorCode::UnsupportedPackage:
    case ErrorCode::InvalidCsv:
        return 400;
    case ErrorCode::NotAuthenticated:
    case ErrorCode::BadCredentials:
        return 401;
    case ErrorCode::AccountDisabled:
    case ErrorCode::Forbidden:
    case ErrorCode::RegistrationClosed:
        return 403;
    case ErrorCode::NotFound:
    case ErrorCode::DeckNotFound:
    case ErrorCode::CardNotFound:
    case ErrorCode::NothingToUndo:
    case ErrorCode::UserNotFound:
    case ErrorCode::PresetNotFound:
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
    // A damaged collection is quarantined until an administrator restores it
    // (issue 14): the service is unavailable for that user, not broken.
    case ErrorCode::StorageCorrupt:
        return 503;
    case ErrorCode::NetworkError:
    case ErrorCode::Internal:
        return 500;
    }
    return 500;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 411:
        return "Length Required";
    case 412:
        return "Precondition Failed";
    case 413:
        return "Payload Too Large";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Content";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    }
    return status >= 500 ? "Error" : "Status";
}

QByteArray statusLine(int status, bool http10)
{
    return (http10 ? "HTTP/1.0 " : "HTTP/1.1 ") + QByteArray::number(status) + ' ' + reasonPhrase(status)
        + "\r\n";
}

} // namespace javumbo::server
