#pragma once

#include "common/result.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <functional>

namespace javumbo::interop {

// The media files of a collection live beside it: user_dbs/user_{id}.media/
// for user_dbs/user_{id}.db (docs/scheduling.md §11), a desktop profile's too.
namespace mediafolder {

QString forCollection(const QString &collectionPath);

// A media name a package may use: one plain file name, never a path. Refuses
// "/", "\", "..", NUL, control characters, an absolute or drive path and the
// names "." and "" (no zip-slip: nothing may land outside the folder).
Result<void> checkName(const QString &name);

// The file names a field refers to: <img src>, <audio/video/source src>,
// <object data> and Anki's [sound:...] (the same tags §9's strip() knows).
QStringList referencesIn(const QString &field);
// The field with each reference renamed per `renames` (old name -> new).
QString renameReferences(const QString &field, const QHash<QString, QString> &renames);

// A name `taken` says is free: "stem-<hash>.ext" (then "-2", "-3" …) as Anki
// renames a different file of the same name.
Result<QString> uniqueName(
    const QString &name, const QByteArray &sha1, const std::function<Result<bool>(const QString &)> &taken);

} // namespace mediafolder
} // namespace javumbo::interop
