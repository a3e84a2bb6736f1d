#pragma once

#include <QString>

namespace javumbo {

// One error vocabulary for the whole product. The names mirror docs/api.md's
// `code` strings; the server maps them to HTTP statuses in one table and the
// GUI maps them to messages, so a cause is never hidden behind "Database error".
enum class ErrorCode
{
    BadRequest, // bad_request: malformed input of any other kind
    InvalidJson, // invalid_json
    UnsupportedMediaType, // unsupported_media_type
    PayloadTooLarge, // payload_too_large
    HeadersTooLarge, // headers_too_large
    NotAuthenticated, // not_authenticated
    BadCredentials, // bad_credentials
    AccountDisabled, // account_disabled
    Forbidden, // forbidden
    RegistrationClosed, // registration_closed: accounts come from `javumbo users add`
    NotFound, // not_found: unknown route or object
    MethodNotAllowed, // method_not_allowed
    DeckNotFound, // deck_not_found
    CardNotFound, // card_not_found
    NothingToUndo, // nothing_to_undo: unknown, already undone, expired or another user's answer
    UserNotFound, // user_not_found
    InvalidUsername, // invalid_username
    WeakPassword, // weak_password
    InvalidEmail, // invalid_email
    InvalidEase, // invalid_ease
    InvalidDeckName, // invalid_deck_name
    InvalidQuery, // invalid_query
    InvalidOptions, // invalid_options: a deck option outside Anki's range
    PresetNotFound, // preset_not_found: no such options preset in this collection
    InvalidPackage, // invalid_package: an .apkg/.colpkg that cannot be read (damaged, not Anki's)
    UnsupportedPackage, // unsupported_package: a package this route or version cannot take
    InvalidCsv, // invalid_csv: a text file that cannot be read as CSV/TSV
    UsernameTaken, // username_taken
    EmailTaken, // email_taken
    DeckExists, // deck_exists
    DefaultDeckProtected, // default_deck_protected
    CardNotReviewable, // card_not_reviewable: suspended or buried
    StaleCard, // stale_card
    AlreadyAnswered, // already_answered
    IdempotencyConflict, // idempotency_conflict
    TooManyAttempts, // too_many_attempts
    UserBusy, // user_busy: the user's lock was not free in time
    ServerBusy, // server_busy: too many requests queued
    LengthRequired, // length_required: a body without Content-Length
    StorageUnavailable, // storage_unavailable: disk full, read-only, locked file
    StorageCorrupt, // storage_corrupt: a file that is not a valid collection
    NetworkError, // network_error: a client could not reach the server or lost the connection
    Internal, // internal: a bug; logged with its request id
};

// The stable machine-readable name of a code (docs/api.md's error envelope).
QString errorCodeName(ErrorCode code);

} // namespace javumbo
