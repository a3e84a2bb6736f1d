#include "remoterequest.h"

namespace javumbo::gui {

QByteArray RemoteReply::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QJsonDocument RemoteReply::json() const
{
    return QJsonDocument::fromJson(body);
}

} // namespace javumbo::gui
