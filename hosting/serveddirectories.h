#pragma once

#include "common/result.h"
#include "locking/userlockregistry.h"
#include "services/accountadmin.h"

#include <QString>

#include <map>
#include <memory>
#include <mutex>

namespace javumbo {
class Backend;
}

namespace javumbo::hosting {

// The data directories the desktop's server may serve: the app's own, whose
// Backend (and so lock registry) local study shares, or one the teacher
// chose, opened here with a Backend and a lock registry of its own (nothing
// else in this process touches those files). A directory once opened stays
// open for the host's life: the panel's worker may still be using it.
class ServedDirectories
{
public:
    explicit ServedDirectories(Backend &own);
    ~ServedDirectories();
    ServedDirectories(const ServedDirectories &) = delete;
    ServedDirectories &operator=(const ServedDirectories &) = delete;

    const QString &ownDirectory() const;
    // Empty means the app's own. Otherwise made if missing, writable, and
    // either empty or already a Javumbo data directory (admin.db): never a
    // folder of other files that a server would litter.
    Result<QString> check(const QString &directory) const;
    // Thread-safe.
    Result<Backend *> backend(const QString &directory);
    Result<AccountAdmin *> accounts(const QString &directory);

private:
    struct Opened;
    // `directory` as check() returned it, other than the app's own.
    Result<Opened *> open(const QString &directory);

    Backend &m_own;
    AccountAdmin m_ownAccounts;
    std::mutex m_mutex;
    std::map<QString, std::unique_ptr<Opened>> m_opened; // guarded by m_mutex, by absolute path
};

} // namespace javumbo::hosting
