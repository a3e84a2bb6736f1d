#include "datadirchecks.h"

#include "accounts/credentialrules.h"
#include "checks.h"

#include <QFileInfo>
#include <QSet>

using namespace Qt::StringLiterals;

namespace javumbo::integrity {

namespace {

Violation userViolation(ViolationClass violationClass, const QString &username, qint64 userId, QString detail)
{
    Violation violation;
    violation.violationClass = violationClass;
    violation.username = username;
    violation.userId = userId;
    violation.detail = std::move(detail);
    return violation;
}

CheckOutcome outcome(const QString &name, int violations, const QStringList &problems, const QString &passed)
{
    if (violations > 0)
        return {name, CheckStatus::Fail, u"%1 violation(s)"_s.arg(violations), true};
    if (!problems.isEmpty())
        return {name, CheckStatus::Unknown, problems.join(u"; "_s), true};
    return {name, CheckStatus::Pass, passed, true};
}

// admin.db against the registrations the server acknowledged.
void auditAdmin(const QList<AdminAccount> &accounts, const QList<Registration> &registrations,
    const QSet<QString> &testKeys, DataDirAudit &audit, int &fileViolations)
{
    QHash<QString, QList<AdminAccount>> byUsername;
    QHash<QString, QList<AdminAccount>> byEmail;
    for (const AdminAccount &account : accounts) {
        byUsername[HistoryIndex::userKey(account.username)].append(account);
        if (!account.email.isEmpty())
            byEmail[credentialrules::emailKey(account.email)].append(account);
    }
    for (const Registration &registration : registrations) {
        const QList<AdminAccount> rows = byUsername.value(HistoryIndex::userKey(registration.username));
        Violation violation;
        if (rows.isEmpty()) {
            violation = userViolation(ViolationClass::DatabaseFiles, registration.username,
                registration.userId, u"registered, but admin.db has no account of that name"_s);
            ++fileViolations;
        } else if (registration.userId != 0 && rows.first().id != registration.userId) {
            violation
                = userViolation(ViolationClass::DuplicateIdentity, registration.username, registration.userId,
                    u"registration answered user id %1, admin.db holds id %2"_s.arg(registration.userId)
                        .arg(rows.first().id));
        } else {
            continue;
        }
        violation.seq = registration.op.seq;
        violation.requestId = registration.op.requestId;
        violation.timeUs = registration.op.timeUs;
        audit.violations.append(violation);
    }
    const auto duplicates = [&](const QHash<QString, QList<AdminAccount>> &groups, const QString &what) {
        for (auto it = groups.constBegin(); it != groups.constEnd(); ++it) {
            if (it->size() < 2)
                continue;
            QStringList ids;
            bool involvesTest = false;
            for (const AdminAccount &account : *it) {
                ids.append(QString::number(account.id));
                involvesTest = involvesTest || testKeys.contains(HistoryIndex::userKey(account.username));
            }
            if (involvesTest)
                audit.violations.append(
                    userViolation(ViolationClass::DuplicateIdentity, it->first().username, it->first().id,
                        u"admin.db has %1 accounts with %2 %3: ids %4"_s.arg(it->size())
                            .arg(what, it.key(), ids.join(u", "_s))));
        }
    };
    duplicates(byUsername, u"username"_s);
    duplicates(byEmail, u"email"_s);
}

} // namespace

DataDirAudit auditDataDir(const DirectReader &reader, const QList<Registration> &registrations,
    const QList<CollectionView> &testUsers)
{
    DataDirAudit audit;
    int fileViolations = 0;
    QStringList fileProblems;
    QSet<QString> testKeys;
    for (const CollectionView &user : testUsers)
        testKeys.insert(user.userKey);

    if (auto accounts = reader.adminAccounts(); accounts) {
        audit.adminReadable = true;
        auditAdmin(accounts.value(), registrations, testKeys, audit, fileViolations);
    } else {
        audit.adminError = accounts.error().message; // identities reports it; files need no admin.db
    }

    // Exactly one file per test user; two test users never share one.
    QHash<qint64, QStringList> filesById;
    if (auto files = reader.collectionFiles(); files) {
        for (const CollectionFile &file : files.value())
            filesById[file.userId].append(file.fileName);
    } else {
        fileProblems.append(files.error().message);
    }
    QHash<qint64, QString> ownerOfId;
    QList<std::pair<QString, QString>> toCheck; // username, path
    for (const CollectionView &user : testUsers) {
        if (user.userId == 0) {
            fileProblems.append(u"the user id of %1 is unknown"_s.arg(user.username));
            continue;
        }
        if (const QString other = ownerOfId.value(user.userId); !other.isEmpty()) {
            audit.violations.append(userViolation(ViolationClass::DatabaseFiles, user.username, user.userId,
                u"%1 and %2 both map to user id %3"_s.arg(other, user.username).arg(user.userId)));
            ++fileViolations;
            continue;
        }
        ownerOfId.insert(user.userId, user.username);
        const QStringList files = filesById.value(user.userId);
        if (files.size() != 1) {
            audit.violations.append(userViolation(ViolationClass::DatabaseFiles, user.username, user.userId,
                files.isEmpty() ? u"no user_dbs/user_%1.db"_s.arg(user.userId)
                                : u"%1 files for user id %2: %3"_s.arg(files.size())
                                      .arg(user.userId)
                                      .arg(files.join(u", "_s))));
            ++fileViolations;
        }
        if (QFileInfo::exists(reader.collectionPath(user.userId)))
            toCheck.append({user.username, reader.collectionPath(user.userId)});
    }
    audit.databaseFiles = outcome(checkName(Check::DatabaseFiles), fileViolations, fileProblems,
        u"%1 test users, one collection file each"_s.arg(ownerOfId.size()));

    int damaged = 0;
    QStringList checkProblems;
    if (QFileInfo::exists(reader.adminDbPath()))
        toCheck.append({QString(), reader.adminDbPath()});
    else
        checkProblems.append(u"no admin.db"_s);
    for (const auto &[username, path] : std::as_const(toCheck)) {
        auto findings = reader.integrityCheck(path);
        if (!findings) {
            checkProblems.append(findings.error().message);
        } else if (findings.value() != u"ok"_s) {
            ++damaged;
            audit.violations.append(userViolation(ViolationClass::IntegrityCheck, username,
                ownerOfId.key(username), QFileInfo(path).fileName() % u": "_s % findings.value().left(500)));
        }
    }
    audit.integrityCheck = outcome(
        checkName(Check::IntegrityCheck), damaged, checkProblems, u"%1 files ok"_s.arg(toCheck.size()));
    return audit;
}

} // namespace javumbo::integrity
