#pragma once

#include "collectiontables.h"

#include <QCryptographicHash>
#include <QMap>
#include <QVariantList>

#include <memory>

namespace javumbo::postgres {

// A fingerprint of one user's collection that is the same whichever backend
// holds it: SHA-256 over the rows of every table of collectionTables(), in
// key order, each value encoded by its column's kind (a SQLite integer in a
// text column reads as its digits, as PostgreSQL's text column holds it).
// The migration compares it on both sides before it commits a user.
class CollectionDigest
{
public:
    // Tables come in collectionTables() order; rows in CollectionTable::orderBy().
    void beginTable(const CollectionTable &table);
    void addRow(const QVariantList &values); // in the table's column order
    QByteArray hex() const { return m_hash->result().toHex(); }
    const QMap<QString, qint64> &rowCounts() const { return m_rows; }

private:
    void add(const QVariant &value, ColumnKind kind);

    // Behind a pointer: QCryptographicHash cannot be moved in Qt 6.4, a digest is returned by value.
    std::unique_ptr<QCryptographicHash> m_hash
        = std::make_unique<QCryptographicHash>(QCryptographicHash::Sha256);
    const CollectionTable *m_table = nullptr;
    QMap<QString, qint64> m_rows;
};

} // namespace javumbo::postgres
