#include "checks.h"

using namespace Qt::StringLiterals;

namespace javumbo::integrity {

QString checkName(Check check)
{
    switch (check) {
    case Check::Lost:
        return u"lost"_s;
    case Check::Misplaced:
        return u"misplaced"_s;
    case Check::Phantom:
        return u"phantom"_s;
    case Check::Duplicated:
        return u"duplicated"_s;
    case Check::Mismatched:
        return u"mismatched"_s;
    case Check::InfoResolved:
        return u"info_resolved"_s;
    case Check::Revlog:
        return u"revlog"_s;
    case Check::Reps:
        return u"reps"_s;
    case Check::SessionMixup:
        return u"session_mixup"_s;
    case Check::SessionAfterLogout:
        return u"session_after_logout"_s;
    case Check::Identities:
        return u"identities"_s;
    case Check::DatabaseFiles:
        return u"database_files"_s;
    case Check::IntegrityCheck:
        return u"integrity_check"_s;
    case Check::ServerErrors:
        return u"server_errors"_s;
    case Check::Instances:
        return u"instances"_s;
    }
    return u"unknown"_s;
}

QStringList checkNames()
{
    QStringList names;
    for (int check = int(Check::Lost); check <= int(Check::Instances); ++check)
        names.append(checkName(Check(check)));
    return names;
}

Check checkFor(ViolationClass violationClass)
{
    switch (violationClass) {
    case ViolationClass::Lost:
        return Check::Lost;
    case ViolationClass::Misplaced:
        return Check::Misplaced;
    case ViolationClass::Phantom:
        return Check::Phantom;
    case ViolationClass::Duplicated:
        return Check::Duplicated;
    case ViolationClass::Mismatched:
        return Check::Mismatched;
    case ViolationClass::RevlogMismatch:
        return Check::Revlog;
    case ViolationClass::RepsMismatch:
        return Check::Reps;
    case ViolationClass::SessionMixup:
        return Check::SessionMixup;
    case ViolationClass::SessionAfterLogout:
        return Check::SessionAfterLogout;
    case ViolationClass::DuplicateIdentity:
        return Check::Identities;
    case ViolationClass::DatabaseFiles:
        return Check::DatabaseFiles;
    case ViolationClass::IntegrityCheck:
        return Check::IntegrityCheck;
    case ViolationClass::ServerError:
        return Check::ServerErrors;
    }
    return Check::ServerErrors;
}

} // namespace javumbo::integrity
