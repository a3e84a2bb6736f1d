#pragma once

#include "common/result.h"

#include <QString>

#include <memory>
#include <optional>

namespace javumbo::gui {

// Where a remote profile's session token is kept between runs (never its
// password, which is used once to sign in). `account` names the profile:
// "username@server-url" (docs/remote-profiles.md).
class TokenStore
{
public:
    virtual ~TokenStore() = default;
    virtual Result<void> save(const QString &account, const QString &token) = 0;
    // nullopt when no token is kept for `account`.
    virtual Result<std::optional<QString>> load(const QString &account) = 0;
    // Removing a token that is not there succeeds.
    virtual Result<void> remove(const QString &account) = 0;
};

// The rule (docs/remote-profiles.md): a token goes to the system keychain
// (QtKeychain: Secret Service, macOS Keychain, Windows Credential Manager)
// whenever writing it there succeeds, else to `tokens.json` in the data
// directory, readable only by the user (0600). A token lives in one place:
// saving it in one removes it from the other; loading looks in the keychain
// first. JAVUMBO_TOKEN_STORE=file skips the keychain (a machine whose keychain
// prompts, tests that need the file); =keychain never falls back.
std::unique_ptr<TokenStore> makeSystemTokenStore(const QString &dataDirectory);

// The file the fallback writes in `dataDirectory`.
QString tokenFilePath(const QString &dataDirectory);

} // namespace javumbo::gui
