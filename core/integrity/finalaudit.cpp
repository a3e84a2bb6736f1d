#include "finalaudit.h"

#include "apiprobes.h"
#include "apireader.h"
#include "checks.h"
#include "counterchecks.h"
#include "datadirchecks.h"
#include "directreader.h"
#include "setchecks.h"

using namespace Qt::StringLiterals;

namespace javumbo::integrity {

namespace {

qsizetype countOf(const QList<Violation> &violations, ViolationClass violationClass)
{
    return std::count_if(violations.cbegin(), violations.cend(),
        [violationClass](const Violation &violation) { return violation.violationClass == violationClass; });
}

// The check `violationClass` fails (checkFor): Fail on any violation of that
// class, else Unknown while something it needed could not be read, else Pass.
CheckOutcome judged(ViolationClass violationClass, const QList<Violation> &violations,
    const QStringList &problems, const QString &passed)
{
    const QString name = checkName(checkFor(violationClass));
    if (const qsizetype count = countOf(violations, violationClass); count > 0)
        return {name, CheckStatus::Fail,
            u"%1 %2 violation(s)"_s.arg(count).arg(violationClassName(violationClass)), true};
    if (!problems.isEmpty())
        return {name, CheckStatus::Unknown, problems.join(u"; "_s), true};
    return {name, CheckStatus::Pass, passed, true};
}

CheckOutcome notVisible(Check check, const QString &why)
{
    return {checkName(check), CheckStatus::Unknown, why, false};
}

QString listed(const QSet<QString> &names)
{
    QStringList sorted = names.values();
    sorted.sort();
    return sorted.join(u", "_s);
}

// One server (no instance named, or one): nothing to prove. Several behind a
// load balancer: serialising one user's writes across them is proven only
// when the hot user's writes reached more than one instance; else UNKNOWN.
CheckOutcome instancesCheck(const HistoryIndex &history)
{
    const QString name = checkName(Check::Instances);
    const QSet<QString> &all = history.instances();
    if (all.size() < 2)
        return {name, CheckStatus::Pass,
            all.isEmpty() ? u"no instance named: one server"_s : u"one instance answered: "_s + listed(all),
            false};
    const QSet<QString> &hot = history.hotUserWriteInstances();
    const bool proven = hot.size() >= 2;
    const QString reached = proven ? listed(hot) : hot.isEmpty() ? u"none"_s : u"only "_s + listed(hot);
    const QString detail
        = u"%1 instances answered (%2)%3 the hot user's %4 acknowledged writes reached %5"_s.arg(all.size())
              .arg(listed(all), proven ? u";"_s : u" but"_s)
              .arg(history.hotUserWrites())
              .arg(reached);
    if (!proven)
        return {name, CheckStatus::Unknown,
            detail + u": one user's writes on several instances at once are unproven"_s, true};
    return {name, CheckStatus::Pass, detail, true};
}

bool before(const Violation &a, const Violation &b)
{
    return std::tie(a.violationClass, a.seq, a.username, a.cardId, a.tag)
        < std::tie(b.violationClass, b.seq, b.username, b.cardId, b.tag);
}

} // namespace

IntegrityReport runFinalAudit(const FinalAuditInput &input)
{
    const HistoryIndex &history = *input.history;
    const QList<CollectionView> &collections = input.collections;
    IntegrityReport report;
    report.path = input.sourceName;

    QStringList unreadable; // one reason per collection that could not be read
    for (const CollectionView &collection : collections) {
        if (!collection.readable)
            unreadable.append(u"%1: %2"_s.arg(collection.username, collection.error));
    }
    if (unreadable.size() > 5)
        unreadable = unreadable.mid(0, 5) << u"and %1 more unreadable"_s.arg(unreadable.size() - 5);
    const bool seesRevlog = input.sourceSeesRevlog;

    QList<Violation> &violations = report.violations;
    violations = input.historyViolations;
    const SetAudit sets = auditSets(history.tags(), collections);
    violations.append(sets.violations);
    if (seesRevlog)
        violations.append(auditRevlog(history.answers(), collections));
    violations.append(auditReps(history.answers(), collections));

    QStringList probeProblems;
    if (input.probes) {
        const ProbeAudit probes
            = probeCards(*input.probes, input.users, collections, history.tags(), input.spotChecksPerUser);
        violations.append(probes.violations);
        probeProblems = probes.problems;
    }
    std::optional<DataDirAudit> dataDir;
    if (input.direct) {
        dataDir = auditDataDir(*input.direct, history.registrations(), collections);
        violations.append(dataDir->violations);
    }
    std::stable_sort(violations.begin(), violations.end(), before);

    report.lane = sets.lane;
    report.recovered = sets.recovered;
    report.absent = sets.absent;
    report.unresolved = sets.unresolved;

    const QString readCount
        = u"%1 collections read through %2"_s.arg(collections.size()).arg(input.sourceName);
    QList<CheckOutcome> &checks = report.checks;
    checks.append(judged(ViolationClass::Lost, violations, unreadable,
        u"%1 acknowledged cards, none lost (%2)"_s.arg(sets.lane.acknowledged).arg(readCount)));
    checks.append(judged(ViolationClass::Misplaced, violations, unreadable + probeProblems,
        input.probes ? u"no card in another user's collection; GET /cards/{id} spot checks agree"_s
                     : u"no card in another user's collection"_s));
    checks.append(judged(ViolationClass::Phantom, violations, unreadable,
        u"every card of the test collections was attempted"_s));
    checks.append(
        judged(ViolationClass::Duplicated, violations, unreadable, u"no tag twice in one collection"_s));
    checks.append(judged(ViolationClass::Mismatched, violations, unreadable,
        u"every card found holds the front, back and deck sent"_s));
    {
        CheckOutcome info {checkName(Check::InfoResolved), CheckStatus::Pass,
            u"%1 unknown add_cards recovered, %2 absent"_s.arg(sets.recovered).arg(sets.absent), true};
        if (sets.unresolved > 0) {
            info.status = CheckStatus::Unknown;
            info.detail
                = u"%1 unknown add_cards unresolved (owner's collection unreadable)"_s.arg(sets.unresolved);
        }
        checks.append(info);
    }
    if (seesRevlog)
        checks.append(judged(ViolationClass::RevlogMismatch, violations, unreadable,
            u"%1 answered cards, revlog rows within [ok, ok + info]"_s.arg(history.answers().size())));
    else if (input.api)
        checks.append(notVisible(Check::Revlog, u"the revlog is not visible through the API"_s));
    else
        checks.append(judged(ViolationClass::RevlogMismatch, violations, unreadable,
            u"no collection to read the revlog from"_s));
    checks.append(judged(ViolationClass::RepsMismatch, violations, unreadable,
        seesRevlog ? u"reps equals the revlog rows of every card"_s
                   : u"reps within [ok, ok + info] answers of every card"_s));
    checks.append(judged(
        ViolationClass::SessionMixup, violations, {}, u"every response named the session's own user"_s));
    checks.append(judged(
        ViolationClass::SessionAfterLogout, violations, {}, u"no session answered after its logout"_s));
    checks.append(judged(ViolationClass::DuplicateIdentity, violations,
        dataDir && !dataDir->adminReadable ? QStringList {u"admin.db unreadable: "_s % dataDir->adminError}
                                           : QStringList(),
        u"%1 registrations with unique ids, usernames and emails%2"_s.arg(history.registrations().size())
            .arg(dataDir ? u", admin.db agrees"_s : u" (history only)"_s)));
    if (dataDir) {
        CheckOutcome files = dataDir->databaseFiles;
        if (const qsizetype count = countOf(violations, ViolationClass::DatabaseFiles); count > 0)
            files = {files.name, CheckStatus::Fail, u"%1 database_files violation(s)"_s.arg(count), true};
        checks.append(files);
        checks.append(dataDir->integrityCheck);
    } else {
        const QString why = input.onPostgres ? u"the collections are rows in PostgreSQL, not files"_s
            : input.api                      ? u"the server's files are not visible through the API"_s
                                             : u"no readable data directory"_s;
        checks.append(notVisible(Check::DatabaseFiles, why));
        checks.append(notVisible(Check::IntegrityCheck, why));
    }
    checks.append(judged(ViolationClass::ServerError, violations, {}, u"no response was a 500"_s));
    checks.append(instancesCheck(history));

    report.verdict = decideVerdict(checks, violations);
    return report;
}

} // namespace javumbo::integrity
