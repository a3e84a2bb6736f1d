#include "protoreader.h"

#include <cstring>

namespace javumbo::interop {

namespace {

float floatFromBits(quint32 bits)
{
    float value = 0;
    std::memcpy(&value, &bits, sizeof value);
    return value;
}

quint64 littleEndian(QByteArrayView bytes)
{
    quint64 value = 0;
    for (qsizetype i = bytes.size() - 1; i >= 0; --i)
        value = (value << 8) | quint8(bytes[i]);
    return value;
}

} // namespace

float ProtoReader::Field::float32() const
{
    return floatFromBits(quint32(varint));
}

bool ProtoReader::readVarint(quint64 &value)
{
    value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (m_pos >= m_data.size())
            return false;
        const quint8 byte = quint8(m_data[m_pos++]);
        value |= quint64(byte & 0x7f) << shift;
        if (!(byte & 0x80))
            return true;
    }
    return false;
}

bool ProtoReader::next(Field &field)
{
    if (m_failed || m_pos >= m_data.size())
        return false;
    quint64 key = 0;
    if (!readVarint(key) || (key >> 3) == 0 || (key >> 3) > 536870911) {
        m_failed = true;
        return false;
    }
    field = Field {};
    field.number = int(key >> 3);
    switch (key & 7) {
    case 0:
        field.type = WireType::Varint;
        if (!readVarint(field.varint))
            m_failed = true;
        break;
    case 1:
    case 5: {
        const qsizetype width = (key & 7) == 1 ? 8 : 4;
        field.type = width == 8 ? WireType::Fixed64 : WireType::Fixed32;
        if (m_data.size() - m_pos < width) {
            m_failed = true;
            break;
        }
        field.varint = littleEndian(m_data.sliced(m_pos, width));
        m_pos += width;
        break;
    }
    case 2: {
        field.type = WireType::Bytes;
        quint64 length = 0;
        if (!readVarint(length) || length > quint64(m_data.size() - m_pos)) {
            m_failed = true;
            break;
        }
        field.bytes = m_data.sliced(m_pos, qsizetype(length));
        m_pos += qsizetype(length);
        break;
    }
    default: // groups (3, 4) are long obsolete and never written by Anki
        m_failed = true;
    }
    return !m_failed;
}

QList<float> ProtoReader::packedFloats(const Field &field)
{
    QList<float> values;
    if (field.type == WireType::Fixed32) {
        values.append(field.float32());
        return values;
    }
    if (field.type != WireType::Bytes)
        return values;
    for (qsizetype at = 0; at + 4 <= field.bytes.size(); at += 4)
        values.append(floatFromBits(quint32(littleEndian(field.bytes.sliced(at, 4)))));
    return values;
}

} // namespace javumbo::interop
