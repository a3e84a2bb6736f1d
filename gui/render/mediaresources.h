#pragma once

#include <QStringList>
#include <QUrl>
#include <QVariant>

namespace javumbo::gui {

// The only resources a card document may load: images from the collection's
// media folder, by plain relative name. Anything else (http, file, data,
// "..", stylesheets) is refused and never read. Every request is recorded, so
// a test can prove nothing remote was ever asked for.
class MediaResources
{
public:
    void setDirectory(const QString &directory) { m_directory = directory; }
    const QString &directory() const { return m_directory; }
    // At most this wide, so a photo never makes the card scroll sideways (Anki: max-width 100%).
    void setMaximumWidth(int pixels) { m_maxWidth = pixels; }

    // For QTextDocument::loadResource(): the image, or an invalid QVariant.
    QVariant load(int type, const QUrl &name);
    const QList<QUrl> &requested() const { return m_requested; }
    const QList<QUrl> &refused() const { return m_refused; }

private:
    QString m_directory;
    int m_maxWidth = 0;
    QList<QUrl> m_requested;
    QList<QUrl> m_refused;
};

} // namespace javumbo::gui
