#include "serveddirectories.h"

#include "datadirectory.h"
#include "services/backend.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace javumbo::hosting {

struct ServedDirectories::Opened
{
    UserLockRegistry locks; // before the Backend, which refers to it
    std::unique_ptr<Backend> backend;
    std::unique_ptr<AccountAdmin> accounts;
};

ServedDirectories::ServedDirectories(Backend &own) : m_own(own), m_ownAccounts(own) { }

ServedDirectories::~ServedDirectories() = default;

const QString &ServedDirectories::ownDirectory() const
{
    return m_own.context().dataDir;
}

namespace {

bool sameDirectory(const QString &a, const QString &b)
{
    const QFileInfo first(a), second(b);
    const QString canonicalA = first.canonicalFilePath(), canonicalB = second.canonicalFilePath();
    return canonicalA.isEmpty() || canonicalB.isEmpty()
        ? first.absoluteFilePath() == second.absoluteFilePath()
        : canonicalA == canonicalB;
}

} // namespace

Result<QString> ServedDirectories::check(const QString &directory) const
{
    if (directory.trimmed().isEmpty() || sameDirectory(directory.trimmed(), ownDirectory()))
        return ownDirectory();
    auto resolved = resolveDataDirectory(directory.trimmed());
    if (!resolved)
        return resolved;
    const QDir dir(resolved.value());
    const bool empty
        = dir.entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot).isEmpty();
    if (!empty && !dir.exists(u"admin.db"_s))
        return makeError(ErrorCode::StorageUnavailable,
            u"%1 holds other files and no admin.db: choose an empty folder or a Javumbo data directory"_s.arg(
                resolved.value()));
    return resolved;
}

Result<ServedDirectories::Opened *> ServedDirectories::open(const QString &directory)
{
    const std::lock_guard lock(m_mutex);
    auto &opened = m_opened[directory];
    if (!opened) {
        auto fresh = std::make_unique<Opened>();
        BackendOptions options;
        options.dataDir = directory;
        fresh->backend = std::make_unique<Backend>(options, m_own.clock(), fresh->locks);
        if (auto ready = fresh->backend->initialize(); !ready) {
            m_opened.erase(directory);
            return ready.error();
        }
        fresh->accounts = std::make_unique<AccountAdmin>(*fresh->backend);
        opened = std::move(fresh);
    }
    return opened.get();
}

Result<Backend *> ServedDirectories::backend(const QString &directory)
{
    auto checked = check(directory);
    if (!checked)
        return checked.error();
    if (checked.value() == ownDirectory())
        return &m_own; // one lock registry for local study and the server (docs/architecture.md §5)
    auto opened = open(checked.value());
    if (!opened)
        return opened.error();
    return opened.value()->backend.get();
}

Result<AccountAdmin *> ServedDirectories::accounts(const QString &directory)
{
    auto checked = check(directory);
    if (!checked)
        return checked.error();
    if (checked.value() == ownDirectory())
        return &m_ownAccounts;
    auto opened = open(checked.value());
    if (!opened)
        return opened.error();
    return opened.value()->accounts.get();
}

} // namespace javumbo::hosting
