#include "jsonfile.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

Result<void> writeJsonFile(const QString &path, const QJsonObject &content, FileAccess access)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return makeError(ErrorCode::StorageUnavailable, u"cannot create the folder of %1"_s.arg(path));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(
            ErrorCode::StorageUnavailable, u"cannot write %1: %2"_s.arg(path, file.errorString()));
    // The temporary file gets its mode before any content is in it; commit() renames it over the old.
    if (access == FileAccess::OwnerOnly
        && !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return makeError(ErrorCode::StorageUnavailable, u"cannot make %1 private"_s.arg(path));
    file.write(QJsonDocument(content).toJson(QJsonDocument::Indented));
    if (!file.commit()) // also false when a write above failed (QSaveFile keeps the error)
        return makeError(
            ErrorCode::StorageUnavailable, u"cannot write %1: %2"_s.arg(path, file.errorString()));
    return {};
}

} // namespace javumbo::gui
