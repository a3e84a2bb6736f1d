#pragma once

#include "common/result.h"

#include <QJsonObject>
#include <QString>

namespace javumbo::gui {

// The small JSON files the app keeps beside a data directory (remote
// profiles, the token file): written whole through QSaveFile, so a crash
// or a full disk leaves the old file, never half of the new one.
enum class FileAccess
{
    Default,
    OwnerOnly, // mode 0600 before any content is written (secrets)
};

Result<void> writeJsonFile(const QString &path, const QJsonObject &content, FileAccess access);

} // namespace javumbo::gui
