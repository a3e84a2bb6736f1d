#pragma once

#include "accounts/account.h"
#include "classroster.h"
#include "common/result.h"

namespace javumbo {

class Backend;

// What enrolling a class gave: the accounts made, each with its password
// (to be shown once), and the lines that were not added.
struct Enrolment
{
    QList<IssuedPassword> added;
    QList<RosterProblem> problems;
};

// An administrator's changes to accounts, written once for `javumbo users`
// and the desktop app's Server panel. There is no "must change password"
// flag in admin.db (docs/api.md §10): a password made here is strong and
// random, shown once to whoever made it, and stays until reset.
class AccountAdmin
{
public:
    explicit AccountAdmin(Backend &backend) : m_backend(backend) { }

    // Every account, ordered by id.
    Result<QList<Account>> list() const;
    // One account with the password given (the CLI reads it from stdin).
    Result<Account> add(const Registration &registration, bool admin);
    // A class list (classroster::parse): each good line becomes an account
    // with a generated password; a line refused by the rules or by an account
    // that already holds its username or email is reported with its number.
    Enrolment enrol(const QString &rosterText);
    // Disabling also ends the account's sessions at once (a disabled
    // account's sessions already fail validation; this removes them).
    Result<void> setDisabled(const QString &username, bool disabled);
    Result<void> setAdmin(const QString &username, bool admin);
    Result<void> resetPassword(const QString &username, const QString &password);
    // A new generated password, returned to be shown once.
    Result<QString> resetToGeneratedPassword(const QString &username);

private:
    Backend &m_backend;
};

} // namespace javumbo
