#include "filetokenstore.h"

#include "jsonfile.h"

#include <QFile>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

FileTokenStore::FileTokenStore(QString path) : m_path(std::move(path)) { }

Result<QJsonObject> FileTokenStore::read() const
{
    QFile file(m_path);
    if (!file.exists())
        return QJsonObject {};
    if (!file.open(QIODevice::ReadOnly))
        return makeError(
            ErrorCode::StorageUnavailable, u"cannot read %1: %2"_s.arg(m_path, file.errorString()));
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll());
    // A damaged file loses its tokens: the profiles ask for a password again.
    return document.isObject() ? document.object() : QJsonObject {};
}

Result<void> FileTokenStore::write(const QJsonObject &tokens) const
{
    return writeJsonFile(m_path, tokens, FileAccess::OwnerOnly);
}

Result<void> FileTokenStore::save(const QString &account, const QString &token)
{
    std::lock_guard lock(m_mutex);
    auto tokens = read();
    if (!tokens)
        return tokens.error();
    tokens.value().insert(account, token);
    return write(tokens.value());
}

Result<std::optional<QString>> FileTokenStore::load(const QString &account)
{
    std::lock_guard lock(m_mutex);
    auto tokens = read();
    if (!tokens)
        return tokens.error();
    const QJsonValue token = tokens->value(account);
    if (!token.isString())
        return std::optional<QString> {};
    return std::optional<QString> {token.toString()};
}

Result<void> FileTokenStore::remove(const QString &account)
{
    std::lock_guard lock(m_mutex);
    auto tokens = read();
    if (!tokens)
        return tokens.error();
    if (!tokens->contains(account))
        return {};
    tokens.value().remove(account);
    return write(tokens.value());
}

} // namespace javumbo::gui
