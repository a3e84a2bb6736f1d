#include "selftest.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace javumbo::loadtest {

namespace {

SelfTestRow runRow(Fault fault, const LoadProfile &profile, const ScratchServerFactory &startServer)
{
    SelfTestRow row;
    row.fault = fault == Fault::None ? u"none"_s : faultName(fault);
    row.expectedClass = expectedViolationClass(fault);
    auto server = startServer(fault, true);
    if (!server) {
        row.verdict = u"-"_s;
        row.error = server.error().message;
        return row;
    }
    // Integrity only: a deliberately broken server is allowed to be slow.
    LoadTestRunner runner(profile, (*server)->target(), {});
    const RunResult result = runner.run();
    row.verdict = integrity::verdictName(result.integrity.verdict);
    row.error = result.error;
    QSet<QString> classes;
    for (const integrity::Violation &violation : result.integrity.violations)
        classes.insert(integrity::violationClassName(violation.violationClass));
    row.classesFound = classes.values();
    row.classesFound.sort();
    row.right = row.expectedClass.isEmpty()
        ? result.integrity.verdict == integrity::Verdict::Pass
        : result.integrity.verdict == integrity::Verdict::Fail && classes.contains(row.expectedClass);
    return row;
}

} // namespace

QString expectedViolationClass(Fault fault)
{
    switch (fault) {
    case Fault::None:
        return {};
    case Fault::NoUserLock:
        return u"reps_mismatch"_s;
    case Fault::SharedSessionSlot:
        return u"misplaced"_s;
    case Fault::ClockIds:
        return u"server_error"_s;
    case Fault::LostAck:
        return u"lost"_s;
    case Fault::DoubleRevlog:
        return u"revlog_mismatch"_s;
    case Fault::NoIdempotency:
        return u"duplicated"_s;
    case Fault::StaleSession:
        return u"session_after_logout"_s;
    case Fault::UndoKeepsRevlog:
        return u"revlog_mismatch"_s;
    case Fault::UnfilteredCardRead:
        return u"misplaced"_s;
    }
    return {};
}

QList<SelfTestRow> runSelfTest(const LoadProfile &profile, const ScratchServerFactory &startServer,
    const std::function<void(const SelfTestRow &, int, int)> &onRow)
{
    QList<Fault> faults {Fault::None};
    // The scratch servers keep their data in SQLite files, where a fault that
    // needs shared tables cannot act (tests/packaging/pg_two_instances.sh
    // plants those against PostgreSQL).
    for (const QString &name : faultNames(FaultScope::Sqlite))
        faults.append(*faultFromName(name));
    QList<SelfTestRow> rows;
    for (Fault fault : faults) {
        rows.append(runRow(fault, profile, startServer));
        if (onRow)
            onRow(rows.last(), int(rows.size()), int(faults.size()));
    }
    return rows;
}

QString selfTestTable(const QList<SelfTestRow> &rows)
{
    const auto pad = [](const QString &text, int width) { return text.leftJustified(width); };
    QString table = pad(u"planted fault"_s, 22) + pad(u"expected"_s, 32) + pad(u"verdict"_s, 9)
        + u"found -> result\n"_s;
    for (const SelfTestRow &row : rows) {
        const QString expected = row.expectedClass.isEmpty() ? u"PASS"_s : u"FAIL: "_s + row.expectedClass;
        const QString found = row.classesFound.isEmpty() ? u"-"_s : row.classesFound.join(u", "_s);
        table += pad(row.fault, 22) + pad(expected, 32) + pad(row.verdict, 9) + found + u" -> "_s
            + (row.right ? u"right"_s : u"WRONG"_s);
        if (!row.error.isEmpty())
            table += u" ("_s + row.error + u')';
        table += u'\n';
    }
    return table;
}

bool allRight(const QList<SelfTestRow> &rows)
{
    return !rows.isEmpty()
        && std::all_of(rows.begin(), rows.end(), [](const SelfTestRow &row) { return row.right; });
}

} // namespace javumbo::loadtest
