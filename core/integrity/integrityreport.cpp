#include "integrityreport.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace javumbo::integrity {

QString checkStatusName(CheckStatus status)
{
    switch (status) {
    case CheckStatus::Pass:
        return u"pass"_s;
    case CheckStatus::Fail:
        return u"fail"_s;
    case CheckStatus::Unknown:
        return u"unknown"_s;
    }
    return u"unknown"_s;
}

QString verdictName(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Pass:
        return u"PASS"_s;
    case Verdict::Fail:
        return u"FAIL"_s;
    case Verdict::Unknown:
        return u"UNKNOWN"_s;
    }
    return u"UNKNOWN"_s;
}

QJsonObject CheckOutcome::toJson() const
{
    return QJsonObject {
        {u"name"_s, name},
        {u"status"_s, checkStatusName(status)},
        {u"detail"_s, detail},
        {u"required"_s, required},
    };
}

QJsonObject Lane::toJson() const
{
    return QJsonObject {
        {u"acknowledged"_s, acknowledged},
        {u"verified"_s, verified},
        {u"pending"_s, pending},
        {u"violated"_s, violated},
    };
}

Verdict decideVerdict(const QList<CheckOutcome> &checks, const QList<Violation> &violations)
{
    bool failed = !violations.isEmpty();
    bool unknown = false;
    for (const CheckOutcome &check : checks) {
        failed = failed || check.status == CheckStatus::Fail;
        unknown = unknown || (check.required && check.status == CheckStatus::Unknown);
    }
    if (failed)
        return Verdict::Fail;
    return unknown ? Verdict::Unknown : Verdict::Pass;
}

const CheckOutcome *IntegrityReport::check(const QString &name) const
{
    for (const CheckOutcome &outcome : checks) {
        if (outcome.name == name)
            return &outcome;
    }
    return nullptr;
}

qsizetype IntegrityReport::count(ViolationClass violationClass) const
{
    return std::count_if(violations.cbegin(), violations.cend(),
        [violationClass](const Violation &violation) { return violation.violationClass == violationClass; });
}

QJsonObject IntegrityReport::toJson() const
{
    QJsonArray checkArray;
    for (const CheckOutcome &outcome : checks)
        checkArray.append(outcome.toJson());
    QJsonArray violationArray;
    for (const Violation &violation : violations)
        violationArray.append(violation.toJson());
    return QJsonObject {
        {u"verdict"_s, verdictName(verdict)},
        {u"path"_s, path},
        {u"checks"_s, checkArray},
        {u"violations"_s, violationArray},
        {u"lane"_s, lane.toJson()},
        {u"recovered"_s, recovered},
        {u"absent"_s, absent},
        {u"unresolved"_s, unresolved},
    };
}

} // namespace javumbo::integrity
