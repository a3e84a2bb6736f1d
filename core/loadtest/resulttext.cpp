#include "resulttext.h"

#include <QDir>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace javumbo::loadtest {

namespace {

// The rest are in integrity_violations.json.
constexpr int MaxViolationsPrinted = 20;

} // namespace

QString resultText(const RunRecord &record, const QString &reportDir)
{
    QString text;
    QTextStream out(&text);
    const RunResult &result = record.result;
    const integrity::IntegrityReport &integrity = result.integrity;
    out << Qt::endl
        << "Integrity: " << integrity::verdictName(integrity.verdict) << " (validated " << integrity.path
        << ")" << Qt::endl;
    for (const integrity::CheckOutcome &check : integrity.checks) {
        out << "  " << Qt::left << qSetFieldWidth(8) << integrity::checkStatusName(check.status).toUpper()
            << qSetFieldWidth(22) << check.name << qSetFieldWidth(0) << check.detail << Qt::endl;
    }
    for (qsizetype i = 0; i < integrity.violations.size() && i < MaxViolationsPrinted; ++i) {
        const integrity::Violation &violation = integrity.violations[i];
        out << "  VIOLATION " << integrity::violationClassName(violation.violationClass) << ": user "
            << violation.username << " card " << violation.cardId << " tag " << violation.tag << " op #"
            << violation.seq << " request " << violation.requestId << ": " << violation.detail << Qt::endl;
    }
    if (integrity.violations.size() > MaxViolationsPrinted) {
        out << "  ... and " << integrity.violations.size() - MaxViolationsPrinted
            << " more in integrity_violations.json" << Qt::endl;
    }
    if (!result.thresholds.isEmpty())
        out << "Thresholds:" << Qt::endl;
    for (const ThresholdResult &threshold : result.thresholds) {
        out << "  " << Qt::left << qSetFieldWidth(6) << (threshold.passed ? "ok" : "FAIL")
            << qSetFieldWidth(28) << threshold.expression << qSetFieldWidth(0) << threshold.observed
            << Qt::endl;
    }
    if (!result.error.isEmpty())
        out << "Error: " << result.error << Qt::endl;
    out << "Report: " << QDir(reportDir).filePath(u"report.html"_s) << Qt::endl;
    out << "Result: " << exitName(result.exit) << " (exit " << int(result.exit) << ")" << Qt::endl;
    return text;
}

} // namespace javumbo::loadtest
