#pragma once

#include "violation.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace javumbo::integrity {

enum class CheckStatus
{
    Pass,
    Fail,
    Unknown, // the check could not run, or not on everything it should judge
};
QString checkStatusName(CheckStatus status); // pass, fail, unknown

// One named check of the audit and a one-line explanation.
struct CheckOutcome
{
    QString name; // lost, misplaced, ..., revlog, reps, identities, database_files, ...
    CheckStatus status = CheckStatus::Unknown;
    QString detail;
    // False when the verification path cannot see what the check needs (the
    // revlog through the API): its Unknown then does not make the verdict Unknown.
    bool required = true;

    QJsonObject toJson() const;
};

// The acknowledged cards of the run: every acknowledged tag is in exactly
// one of verified, pending or violated.
struct Lane
{
    qint64 acknowledged = 0; // distinct tags with an ok add_card
    qint64 verified = 0; // found once, as sent, in the owner's collection
    qint64 pending = 0; // not judged yet (or the owner's collection was unreadable)
    qint64 violated = 0; // lost, misplaced, duplicated or mismatched

    QJsonObject toJson() const;
    friend bool operator==(const Lane &, const Lane &) = default;
};

enum class Verdict
{
    Pass,
    Fail, // at least one violation
    Unknown, // no violation, but a required check could not run or info stayed unresolved
};
QString verdictName(Verdict verdict); // PASS, FAIL, UNKNOWN

// The one place that turns checks and violations into a verdict.
Verdict decideVerdict(const QList<CheckOutcome> &checks, const QList<Violation> &violations);

struct IntegrityReport
{
    Verdict verdict = Verdict::Unknown;
    QString path; // "direct", "api" or "none": where the server's data was read
    QList<CheckOutcome> checks;
    QList<Violation> violations;
    Lane lane;
    qint64 recovered = 0; // info add_cards whose card exists
    qint64 absent = 0; // info add_cards whose card does not
    qint64 unresolved = 0; // info add_cards the audit could not resolve

    const CheckOutcome *check(const QString &name) const;
    qsizetype count(ViolationClass violationClass) const;
    QJsonObject toJson() const;
};

} // namespace javumbo::integrity
