#pragma once

#include "tokenstore.h"

#include <QJsonObject>

#include <mutex>

namespace javumbo::gui {

// Tokens in one JSON object {account: token} in a file only its owner may
// read or write (0600 on every save, set before the new file replaces the
// old one, so the token is never readable by others even for a moment).
// Thread-safe within the process.
class FileTokenStore final : public TokenStore
{
public:
    explicit FileTokenStore(QString path);

    Result<void> save(const QString &account, const QString &token) override;
    Result<std::optional<QString>> load(const QString &account) override;
    Result<void> remove(const QString &account) override;

private:
    Result<QJsonObject> read() const;
    Result<void> write(const QJsonObject &tokens) const;

    const QString m_path;
    std::mutex m_mutex;
};

} // namespace javumbo::gui
