#include "zstdstream.h"

#include "interoperrors.h"

#include <zstd.h>

using namespace Qt::StringLiterals;

namespace javumbo::interop {

ZstdDecoder::ZstdDecoder(ChunkSink downstream, ExpansionBudget &budget, QString entry)
    : m_stream(ZSTD_createDStream())
    , m_downstream(std::move(downstream))
    , m_budget(budget)
    , m_entry(std::move(entry))
    , m_out(qsizetype(ZSTD_DStreamOutSize()), Qt::Uninitialized)
{
    ZSTD_initDStream(static_cast<ZSTD_DStream *>(m_stream));
}

ZstdDecoder::~ZstdDecoder()
{
    ZSTD_freeDStream(static_cast<ZSTD_DStream *>(m_stream));
}

Result<void> ZstdDecoder::feed(QByteArrayView compressed)
{
    if (!m_stream)
        return makeError(ErrorCode::Internal, u"zstd decoder could not be created"_s);
    ZSTD_inBuffer in {compressed.data(), size_t(compressed.size()), 0};
    size_t consumedBefore = 0;
    while (in.pos < in.size) {
        ZSTD_outBuffer out {m_out.data(), size_t(m_out.size()), 0};
        const size_t hint = ZSTD_decompressStream(static_cast<ZSTD_DStream *>(m_stream), &out, &in);
        if (ZSTD_isError(hint))
            return invalidPackage(u"\"%1\" is not valid zstd data (%2)"_s.arg(
                m_entry, QString::fromUtf8(ZSTD_getErrorName(hint))));
        m_frameOpen = hint != 0;
        m_consumed += qint64(in.pos - consumedBefore);
        consumedBefore = in.pos;
        if (auto sent = deliver(qint64(out.pos)); !sent)
            return sent;
    }
    // Output may still be buffered inside the decoder with no input left.
    for (;;) {
        ZSTD_inBuffer none {nullptr, 0, 0};
        ZSTD_outBuffer out {m_out.data(), size_t(m_out.size()), 0};
        const size_t hint = ZSTD_decompressStream(static_cast<ZSTD_DStream *>(m_stream), &out, &none);
        if (ZSTD_isError(hint))
            return invalidPackage(u"\"%1\" is not valid zstd data (%2)"_s.arg(
                m_entry, QString::fromUtf8(ZSTD_getErrorName(hint))));
        // Without input, a finished frame reports the next frame's header size: only calls
        // that produced output say whether the current frame is still open.
        if (out.pos == 0)
            break;
        m_frameOpen = hint != 0;
        if (auto sent = deliver(qint64(out.pos)); !sent)
            return sent;
    }
    return {};
}

Result<void> ZstdDecoder::deliver(qint64 bytes)
{
    if (bytes == 0)
        return {};
    m_produced += bytes;
    if (auto spent = m_budget.spend(bytes, m_entry); !spent)
        return spent;
    if (auto ratio = m_budget.checkRatio(m_produced, m_consumed, m_entry); !ratio)
        return ratio;
    return m_downstream(QByteArrayView(m_out.constData(), qsizetype(bytes)));
}

Result<void> ZstdDecoder::finish()
{
    if (m_frameOpen)
        return invalidPackage(u"\"%1\" ends inside a zstd frame: the package is truncated"_s.arg(m_entry));
    return {};
}

Result<void> readZstd(
    ZipArchive &archive, const ZipEntry &entry, const ChunkSink &sink, ExpansionBudget &budget)
{
    ZstdDecoder decoder(sink, budget, entry.name);
    // The zip layer counts the compressed bytes against a budget of its own:
    // the decoder spends the real one on what comes out.
    ExpansionBudget raw(entry.size);
    if (auto done = archive.read(
            entry, [&](QByteArrayView chunk) { return decoder.feed(chunk); }, raw);
        !done)
        return done;
    return decoder.finish();
}

Result<QByteArray> readZstdEntry(
    ZipArchive &archive, const ZipEntry &entry, ExpansionBudget &budget, qint64 maxBytes)
{
    QByteArray all;
    auto collect = [&](QByteArrayView chunk) -> Result<void> {
        if (all.size() + chunk.size() > maxBytes)
            return invalidPackage(u"\"%1\" expands beyond %2 bytes"_s.arg(entry.name).arg(maxBytes));
        all.append(chunk);
        return {};
    };
    if (auto done = readZstd(archive, entry, collect, budget); !done)
        return done.error();
    return all;
}

} // namespace javumbo::interop
