#include "collectiondigest.h"

using namespace Qt::StringLiterals;

namespace javumbo::postgres {

namespace {

bool isInteger(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
        return true;
    default:
        return false;
    }
}

} // namespace

void CollectionDigest::beginTable(const CollectionTable &table)
{
    m_table = &table;
    m_rows[table.name] = 0;
    m_hash->addData(QByteArrayView("T"));
    m_hash->addData(table.name.toUtf8());
}

void CollectionDigest::addRow(const QVariantList &values)
{
    Q_ASSERT(m_table && values.size() == m_table->columns.size());
    ++m_rows[m_table->name];
    m_hash->addData(QByteArrayView("R"));
    for (qsizetype i = 0; i < values.size(); ++i)
        add(values[i], m_table->columns[i].kind);
}

// Each value: a one-letter tag, then its length-prefixed bytes, so no two
// different rows can encode alike. A value of the wrong kind keeps a tag of
// its own: it cannot match the other backend's properly typed value.
void CollectionDigest::add(const QVariant &value, ColumnKind kind)
{
    QByteArray tag;
    QByteArray bytes;
    if (value.isNull()) {
        tag = "n";
    } else if (kind == ColumnKind::Integer || kind == ColumnKind::SmallInteger) {
        tag = isInteger(value) ? "i" : "?";
        bytes = isInteger(value) ? QByteArray::number(value.toLongLong()) : value.toString().toUtf8();
    } else if (kind == ColumnKind::Text) {
        tag = "t";
        bytes = isInteger(value) ? QByteArray::number(value.toLongLong()) : value.toString().toUtf8();
    } else {
        tag = "b";
        bytes = value.typeId() == QMetaType::QByteArray ? value.toByteArray() : value.toString().toUtf8();
    }
    m_hash->addData(tag);
    m_hash->addData(QByteArray(QByteArray::number(bytes.size()) + ':'));
    m_hash->addData(bytes);
}

} // namespace javumbo::postgres
