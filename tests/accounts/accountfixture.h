#pragma once

#include "accounts/accountstore.h"
#include "accounts/passwordhasher.h"
#include "common/clock.h"

#include <QTemporaryDir>

// Fixture builders for tests that need accounts (tests/accounts and
// tests/sessions), instead of copied set-up code.
namespace javumbo::testsupport {

// Deliberately weak, so tests can hash hundreds of passwords.
inline constexpr int kTestIterations = 1000;
PasswordHasher fastHasher();

// Writes a small placeholder collection; refuses to overwrite a file, so a
// reused id would show up as a failure.
CollectionFactory placeholderFactory();
// Leaves a partial file behind, then reports a full disk.
CollectionFactory failingFactory();

inline constexpr char16_t kTestPassword[] = u"correct horse battery";

// A valid registration; email and password default to ones derived from the
// username and kTestPassword.
Registration registration(const QString &username, const QString &email = {}, const QString &password = {});

// A temporary data directory with an initialised AccountStore and a pinned clock.
class AccountFixture
{
public:
    explicit AccountFixture(CollectionFactory factory = placeholderFactory());
    // Closes this thread's connection before the directory goes.
    ~AccountFixture();
    AccountFixture(const AccountFixture &) = delete;
    AccountFixture &operator=(const AccountFixture &) = delete;

    // False if the directory or admin.db could not be created.
    bool isReady() const { return m_ready; }
    QString dataDir() const { return m_dir.path(); }
    QString collectionDir() const;
    ManualClock &clock() { return m_clock; }
    AccountStore &store() { return m_store; }

    // Registers `username` with registration()'s defaults.
    Result<Account> addUser(const QString &username);
    // Every file in user_dbs/, sorted.
    QStringList collectionFiles() const;

private:
    QTemporaryDir m_dir;
    ManualClock m_clock;
    AccountStore m_store;
    bool m_ready = false;
};

} // namespace javumbo::testsupport
