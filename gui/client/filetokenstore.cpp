#include "filetokenstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

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
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath()))
        return makeError(ErrorCode::StorageUnavailable, u"cannot create the folder of %1"_s.arg(m_path));
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(
            ErrorCode::StorageUnavailable, u"cannot write %1: %2"_s.arg(m_path, file.errorString()));
    // The temporary file gets the owner-only mode before any token is in it; commit() renames it over the
    // old.
    if (!file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return makeError(ErrorCode::StorageUnavailable, u"cannot make %1 private"_s.arg(m_path));
    file.write(QJsonDocument(tokens).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return makeError(
            ErrorCode::StorageUnavailable, u"cannot write %1: %2"_s.arg(m_path, file.errorString()));
    return {};
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
