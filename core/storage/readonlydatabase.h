#pragma once

#include "common/result.h"

#include <QSqlQuery>
#include <QString>
#include <QVariantList>

#include <functional>

namespace javumbo::storage {

// A private, read-only connection to one SQLite file, for one thread and one
// pass. The checker and the migration to PostgreSQL run beside or after a
// server, and read only: it opens with
// QSQLITE_OPEN_READONLY and query_only, never checkpoints and never writes,
// and its uniquely named connection is removed when this object dies, so
// nothing outlives the pass (storage::ConnectionCache is not used because it
// keeps connections open and opens them for writing).
class ReadOnlyDatabase
{
public:
    explicit ReadOnlyDatabase(QString path);
    ~ReadOnlyDatabase();
    ReadOnlyDatabase(const ReadOnlyDatabase &) = delete;
    ReadOnlyDatabase &operator=(const ReadOnlyDatabase &) = delete;

    // StorageUnavailable when the file is missing or cannot be opened.
    Result<void> open();
    const QString &path() const { return m_path; }

    // Runs one statement and hands each row to `row` (forward only).
    Result<void> select(
        const QString &sql, const QVariantList &bindings, const std::function<void(const QSqlQuery &)> &row);
    // A read transaction, so several statements see one snapshot. Commit of
    // a read transaction writes nothing.
    Result<void> beginRead();
    void endRead();

private:
    QString m_path;
    QString m_name;
    bool m_added = false;
};

} // namespace javumbo::storage
