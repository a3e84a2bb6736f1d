#include "apierror.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace javumbo::gui::apierror {

std::optional<ErrorCode> codeFromName(const QString &name)
{
    // Every enumerator up to the last one (and a few the server may add after it):
    // errorCodeName() names them all, so no second table can drift from it.
    constexpr int kLast = int(ErrorCode::Internal) + 16;
    for (int value = 0; value <= kLast; ++value) {
        const auto code = ErrorCode(value);
        if (errorCodeName(code) == name)
            return code;
    }
    return std::nullopt;
}

Error fromReply(int status, const QByteArray &body)
{
    const QJsonObject envelope = QJsonDocument::fromJson(body).object().value(u"error"_s).toObject();
    const QString name = envelope.value(u"code"_s).toString();
    QString message = envelope.value(u"message"_s).toString();
    if (message.isEmpty())
        message = u"the server answered HTTP %1"_s.arg(status);
    if (auto code = codeFromName(name))
        return Error {*code, message};
    if (name == u"too_many_connections" || status == 503)
        return Error {ErrorCode::ServerBusy, message};
    if (status == 401)
        return Error {ErrorCode::NotAuthenticated, message};
    if (status == 404)
        return Error {ErrorCode::NotFound, message};
    if (status >= 400 && status < 500)
        return Error {ErrorCode::BadRequest, message};
    return Error {ErrorCode::Internal, message};
}

} // namespace javumbo::gui::apierror
