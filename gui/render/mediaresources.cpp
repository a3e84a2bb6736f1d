#include "mediaresources.h"

#include "cardhtml.h"

#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QTextDocument>

namespace javumbo::gui {

QVariant MediaResources::load(int type, const QUrl &name)
{
    m_requested.append(name);
    // Only a relative path names a file of the media folder; anything with a scheme, host or query does not.
    const QString fileName = name.path(QUrl::FullyDecoded);
    if (type != QTextDocument::ImageResource || m_directory.isEmpty() || !name.isRelative()
        || !name.host().isEmpty() || name.hasQuery() || !cardhtml::isMediaReference(fileName)) {
        m_refused.append(name);
        return {};
    }
    // The resolved file must still lie inside the folder (a symbolic link could point out of it).
    const QString root = QFileInfo(m_directory).canonicalFilePath();
    const QString path = QFileInfo(QDir(m_directory).filePath(fileName)).canonicalFilePath();
    if (root.isEmpty() || path.isEmpty() || !path.startsWith(root + QLatin1Char('/'))) {
        m_refused.append(name);
        return {};
    }
    QImage image(path);
    if (image.isNull())
        return {};
    if (m_maxWidth > 0 && image.width() > m_maxWidth)
        image = image.scaledToWidth(m_maxWidth, Qt::SmoothTransformation);
    return image;
}

} // namespace javumbo::gui
