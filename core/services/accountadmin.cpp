#include "accountadmin.h"

#include "backend.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace javumbo {

Result<QList<Account>> AccountAdmin::list() const
{
    return m_backend.accounts().list();
}

Result<Account> AccountAdmin::add(const Registration &registration, bool admin)
{
    auto account = m_backend.accounts().registerUser(registration);
    if (!account || !admin)
        return account;
    if (auto granted = m_backend.accounts().setAdmin(registration.username, true); !granted)
        return granted.error();
    Account made = account.value();
    made.isAdmin = true;
    return made;
}

Enrolment AccountAdmin::enrol(const QString &rosterText)
{
    const Roster roster = classroster::parse(rosterText);
    Enrolment enrolment;
    enrolment.problems = roster.problems;
    for (const RosterEntry &entry : roster.entries) {
        const QString password = classroster::generatePassword();
        auto account
            = add(Registration {entry.username, password, entry.name, entry.email, QString()}, false);
        if (!account) {
            enrolment.problems.append({entry.line,
                u"%1, %2, %3"_s.arg(entry.username, entry.name, entry.email), account.error().message});
            continue;
        }
        enrolment.added.append({account->username, entry.name, entry.email, password});
    }
    std::sort(enrolment.problems.begin(), enrolment.problems.end(),
        [](const RosterProblem &a, const RosterProblem &b) { return a.line < b.line; });
    return enrolment;
}

Result<void> AccountAdmin::setDisabled(const QString &username, bool disabled)
{
    if (auto done = m_backend.accounts().setDisabled(username, disabled); !done)
        return done;
    if (disabled) {
        auto account = m_backend.accounts().findByUsername(username);
        if (!account)
            return account.error();
        if (auto ended = m_backend.sessions().logoutAllForUser(account->id); !ended)
            return ended.error();
    }
    return {};
}

Result<void> AccountAdmin::setAdmin(const QString &username, bool admin)
{
    return m_backend.accounts().setAdmin(username, admin);
}

Result<void> AccountAdmin::resetPassword(const QString &username, const QString &password)
{
    return m_backend.accounts().resetPassword(username, password);
}

Result<QString> AccountAdmin::resetToGeneratedPassword(const QString &username)
{
    const QString password = classroster::generatePassword();
    if (auto done = resetPassword(username, password); !done)
        return done.error();
    return password;
}

} // namespace javumbo
