#pragma once

#include "common/result.h"

#include <QImage>
#include <QList>
#include <QString>

namespace javumbo::gui {

// A QR code (libqrencode, error correction M, 8-bit mode) drawn for a phone
// camera: whole pixels per module, black on white, with the quiet zone of
// four modules the standard asks for, so no scaling blurs an edge.
class QrCode
{
public:
    static constexpr int kQuietZone = 4; // modules of white around the code

    static Result<QrCode> encode(const QString &text);

    int modules() const { return m_width; } // per side, without the quiet zone
    bool isDark(int x, int y) const { return m_dark.at(y * m_width + x); }
    // `moduleSize` pixels per module (at least 1), the quiet zone included.
    QImage toImage(int moduleSize) const;
    // The largest toImage() whose side is at most `maxSide` pixels (at least 1 per module).
    QImage fitting(int maxSide) const;

private:
    QrCode(int width, QList<bool> dark) : m_width(width), m_dark(std::move(dark)) { }

    int m_width = 0;
    QList<bool> m_dark; // row by row
};

} // namespace javumbo::gui
