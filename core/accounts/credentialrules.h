#pragma once

#include "account.h"
#include "common/result.h"

#include <QString>

// What a user may choose as credentials and profile (docs/api.md §2). Checked before anything is hashed or stored.
namespace javumbo::credentialrules {

inline constexpr int kMinUsernameLength = 3;
inline constexpr int kMaxUsernameLength = 32;
inline constexpr int kMinPasswordLength = 8;
// Bounds the cost of hashing what an anonymous client sends us.
inline constexpr int kMaxPasswordLength = 1024;
inline constexpr int kMaxEmailLength = 254; // RFC 5321's limit on a forward path
inline constexpr int kMaxNameLength = 200;
inline constexpr int kMaxAreaOfInterestLength = 200;

// InvalidUsername unless 3-32 characters of [A-Za-z0-9_.-].
Result<void> checkUsername(const QString &username);
// WeakPassword unless 8-1024 characters.
Result<void> checkPassword(const QString &password);
// InvalidEmail unless a plausible single-'@' address without spaces.
Result<void> checkEmail(const QString &email);
// BadRequest when a free-text profile field is too long.
Result<void> checkProfile(const QString &name, const QString &areaOfInterest);
// All of the above, in that order.
Result<void> checkRegistration(const Registration &registration);

// The keys the database enforces uniqueness on.
QString usernameKey(const QString &username);
QString emailKey(const QString &email);

} // namespace javumbo::credentialrules
