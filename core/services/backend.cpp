#include "backend.h"

#include "collection/usercollection.h"
#include "plantedfaults.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;

namespace javumbo {

namespace {

Q_LOGGING_CATEGORY(lcBackend, "javumbo.storage")

ServiceContext makeContext(const BackendOptions &options, const Clock &clock, UserLockRegistry &locks,
    WalCheckpointer &checkpointer, Quarantine &quarantine, storage::WriterConnections &writers,
    const collection::CollectionHooks *collectionHooks)
{
    ServiceContext context;
    context.dataDir = options.dataDir;
    context.clock = &clock;
    context.locks = &locks;
    context.checkpointer = &checkpointer;
    context.quarantine = &quarantine;
    context.writers = &writers;
    context.lockTimeout = options.lockTimeout;
    context.fuzz = options.fuzz;
    context.fault = options.fault;
    context.collectionHooks = collectionHooks;
    return context;
}

} // namespace

Backend::Backend(const BackendOptions &options, const Clock &clock, UserLockRegistry &locks)
    : m_checkpointer(locks)
    , m_collectionHooks(options.fault == Fault::None
              ? nullptr
              : std::make_unique<faults::PlantedCollectionHooks>(options.fault))
    , m_context(makeContext(
          options, clock, locks, m_checkpointer, m_quarantine, m_writers, m_collectionHooks.get()))
    , m_accounts(options.dataDir, clock, PasswordHasher(options.hashing),
          [&clock](const QString &path) { return collection::UserCollection::create(path, clock); })
    , m_sessions(m_context.adminDbPath(), clock, options.sessions)
    , m_throttle(clock)
    , m_decks(m_context)
    , m_cards(m_context)
    , m_reviews(m_context)
    , m_stats(m_context)
    , m_backups([&options] {
        ScheduledBackups::Options backups = options.backups;
        backups.dataDir = options.dataDir;
        return backups;
    }())
{
    m_housekeeper.add({u"purge-expired"_s, options.purgeInterval, [this] { purgeExpired(); }});
    if (m_backups.enabled())
        m_housekeeper.add({u"backup"_s, m_backups.options().every, [this] { (void)m_backups.runOnce(); }});
}

Result<void> Backend::initialize()
{
    auto initialized = m_accounts.initialize();
    if (initialized)
        m_housekeeper.start();
    return initialized;
}

void Backend::purgeExpired()
{
    auto sessions = m_sessions.purgeExpired();
    auto keys = m_cards.idempotencyStore().purgeExpired();
    if (!sessions || !keys) {
        qCWarning(lcBackend).noquote() << u"purging expired records failed: %1"_s.arg(
            !sessions ? sessions.error().message : keys.error().message);
        return;
    }
    if (sessions.value() > 0 || keys.value() > 0)
        qCInfo(lcBackend).noquote() << u"purged %1 expired sessions and %2 Idempotency-Keys"_s
                                           .arg(sessions.value())
                                           .arg(keys.value());
}

} // namespace javumbo
