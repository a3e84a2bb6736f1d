#pragma once

#include "tokenstore.h"

namespace javumbo::gui {

// Tokens in the system keychain through QtKeychain, under the service
// "javumbo". Each call runs its job on one keychain thread and waits for it,
// so any thread may call (the UI, the client worker, the sign-in worker).
// Fails (StorageUnavailable) where there is no keychain, e.g. Linux without a
// Secret Service on D-Bus.
class KeychainTokenStore final : public TokenStore
{
public:
    explicit KeychainTokenStore(QString service = QStringLiteral("javumbo"));

    Result<void> save(const QString &account, const QString &token) override;
    Result<std::optional<QString>> load(const QString &account) override;
    Result<void> remove(const QString &account) override;

private:
    const QString m_service;
};

} // namespace javumbo::gui
