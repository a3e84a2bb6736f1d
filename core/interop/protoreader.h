#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace javumbo::interop {

// A minimal protobuf wire-format reader for the few fields Javumbo needs of
// Anki's version-3 packages (PackageMetadata, MediaEntries and the schema-18
// blobs of decks, note types and deck options). Unknown fields are skipped;
// a malformed message sets failed() and ends the loop.
class ProtoReader
{
public:
    enum class WireType
    {
        Varint = 0,
        Fixed64 = 1,
        Bytes = 2,
        Fixed32 = 5,
    };
    struct Field
    {
        int number = 0;
        WireType type = WireType::Varint;
        quint64 varint = 0; // Varint, Fixed64 and Fixed32 values
        QByteArrayView bytes; // Bytes
        qint64 int64() const { return qint64(varint); }
        float float32() const;
        QString text() const { return QString::fromUtf8(bytes); }
    };

    explicit ProtoReader(QByteArrayView message) : m_data(message) { }
    // The next field; false at the end or on malformed input (then failed() is true).
    bool next(Field &field);
    bool failed() const { return m_failed; }

    // A packed (or single) repeated float field's values.
    static QList<float> packedFloats(const Field &field);

private:
    bool readVarint(quint64 &value);
    QByteArrayView m_data;
    qsizetype m_pos = 0;
    bool m_failed = false;
};

} // namespace javumbo::interop
