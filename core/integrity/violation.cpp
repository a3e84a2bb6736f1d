#include "violation.h"

using namespace Qt::StringLiterals;

namespace javumbo::integrity {

QString violationClassName(ViolationClass violationClass)
{
    switch (violationClass) {
    case ViolationClass::Lost:
        return u"lost"_s;
    case ViolationClass::Misplaced:
        return u"misplaced"_s;
    case ViolationClass::Phantom:
        return u"phantom"_s;
    case ViolationClass::Duplicated:
        return u"duplicated"_s;
    case ViolationClass::Mismatched:
        return u"mismatched"_s;
    case ViolationClass::RevlogMismatch:
        return u"revlog_mismatch"_s;
    case ViolationClass::RepsMismatch:
        return u"reps_mismatch"_s;
    case ViolationClass::SessionMixup:
        return u"session_mixup"_s;
    case ViolationClass::SessionAfterLogout:
        return u"session_after_logout"_s;
    case ViolationClass::DuplicateIdentity:
        return u"duplicate_identity"_s;
    case ViolationClass::DatabaseFiles:
        return u"database_files"_s;
    case ViolationClass::IntegrityCheck:
        return u"integrity_check"_s;
    case ViolationClass::ServerError:
        return u"server_error"_s;
    }
    return u"unknown"_s;
}

QJsonObject Violation::toJson() const
{
    QJsonObject object {
        {u"class"_s, violationClassName(violationClass)},
        {u"detail"_s, detail},
    };
    if (!username.isEmpty())
        object.insert(u"username"_s, username);
    if (userId != 0)
        object.insert(u"user_id"_s, userId);
    if (cardId != 0)
        object.insert(u"card_id"_s, cardId);
    if (!tag.isEmpty())
        object.insert(u"tag"_s, tag);
    if (seq != 0)
        object.insert(u"seq"_s, seq);
    if (!requestId.isEmpty())
        object.insert(u"request_id"_s, requestId);
    if (timeUs != 0)
        object.insert(u"time_us"_s, timeUs);
    return object;
}

} // namespace javumbo::integrity
