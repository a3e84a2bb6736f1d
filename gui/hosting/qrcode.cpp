#include "qrcode.h"

#include <qrencode.h>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

Result<QrCode> QrCode::encode(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    // QRencode_encodeData: the bytes as they are (8-bit mode), no guessing of kanji or case.
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeData(
            int(bytes.size()), reinterpret_cast<const unsigned char *>(bytes.constData()), 0, QR_ECLEVEL_M),
        &QRcode_free);
    if (!code)
        return makeError(ErrorCode::BadRequest, u"no QR code for a text of %1 bytes"_s.arg(bytes.size()));
    QList<bool> dark;
    dark.reserve(code->width * code->width);
    for (int i = 0; i < code->width * code->width; ++i)
        dark.append((code->data[i] & 1) != 0); // bit 0: a dark module (qrencode.h)
    return QrCode(code->width, std::move(dark));
}

QImage QrCode::toImage(int moduleSize) const
{
    moduleSize = std::max(1, moduleSize);
    const int side = (m_width + 2 * kQuietZone) * moduleSize;
    QImage image(side, side, QImage::Format_Grayscale8);
    image.fill(Qt::white);
    for (int y = 0; y < m_width; ++y) {
        for (int x = 0; x < m_width; ++x) {
            if (!isDark(x, y))
                continue;
            const int left = (x + kQuietZone) * moduleSize;
            const int top = (y + kQuietZone) * moduleSize;
            for (int row = top; row < top + moduleSize; ++row)
                std::fill_n(image.scanLine(row) + left, moduleSize, uchar(0));
        }
    }
    return image;
}

QImage QrCode::fitting(int maxSide) const
{
    return toImage(maxSide / (m_width + 2 * kQuietZone));
}

} // namespace javumbo::gui
