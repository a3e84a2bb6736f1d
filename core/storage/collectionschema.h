#pragma once

#include "connection.h"

#include <QJsonObject>

namespace javumbo::storage {

// Anki schema 11 (docs/scheduling.md §9): the tables, indexes and the JSON of a
// fresh `col` row.
namespace collectionschema {

inline constexpr int kSchemaVersion = 11;
inline constexpr qint64 kDefaultDeckId = 1;
inline constexpr qint64 kDefaultConfigId = 1;

// SchemaInitializer for collections: checks that an existing file is a schema-11
// collection; an empty file is accepted only when creating.
Result<void> verify(Connection &connection, OpenMode mode);

// Creates tables, indexes and the col row in an empty database.
// `nowMs` is the creation time, `offsetMinutesWest` the local UTC offset.
Result<void> create(Connection &connection, qint64 nowMs, int offsetMinutesWest);
// Creates a new collection file at `path` as one unit: written beside it and
// renamed into place, so a half-made file never carries the name.
Result<void> createFile(const QString &path, qint64 nowMs, int offsetMinutesWest);

QJsonObject newDeckJson(qint64 id, const QString &name, qint64 modSeconds);
QJsonObject basicModelJson(qint64 id, qint64 modSeconds);

} // namespace collectionschema
} // namespace javumbo::storage
