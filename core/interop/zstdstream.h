#pragma once

#include "ziparchive.h"

namespace javumbo::interop {

// Decompresses a zstd stream (version-3 packages: the collection, the media
// map and every media file) chunk by chunk into `downstream`, spending the
// package's expansion budget as output appears and holding it to the
// budget's ratio: a zstd bomb is stopped mid-stream, in bounded memory, never
// trusting the frame's declared size.
class ZstdDecoder
{
public:
    ZstdDecoder(ChunkSink downstream, ExpansionBudget &budget, QString entry);
    ~ZstdDecoder();
    ZstdDecoder(const ZstdDecoder &) = delete;
    ZstdDecoder &operator=(const ZstdDecoder &) = delete;

    Result<void> feed(QByteArrayView compressed);
    // After the last chunk: refuses a stream that ended inside a frame.
    Result<void> finish();

private:
    // Hands `bytes` of m_out downstream once the budget allows them.
    Result<void> deliver(qint64 bytes);

    void *m_stream = nullptr; // ZSTD_DStream
    ChunkSink m_downstream;
    ExpansionBudget &m_budget;
    QString m_entry;
    QByteArray m_out;
    bool m_frameOpen = false;
    qint64 m_consumed = 0;
    qint64 m_produced = 0;
};

// Streams a zstd-compressed entry, decompressed, into `sink`.
Result<void> readZstd(
    ZipArchive &archive, const ZipEntry &entry, const ChunkSink &sink, ExpansionBudget &budget);
// Reads a whole zstd-compressed entry into memory (small entries: the media map).
Result<QByteArray> readZstdEntry(
    ZipArchive &archive, const ZipEntry &entry, ExpansionBudget &budget, qint64 maxBytes);

} // namespace javumbo::interop
