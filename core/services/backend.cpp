#include "backend.h"

#include "collection/usercollection.h"
#include "plantedfaults.h"
#include "postgres/pgschema.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;

namespace javumbo {

namespace {

Q_LOGGING_CATEGORY(lcBackend, "javumbo.storage")

ServiceContext makeContext(const BackendOptions &options, const Clock &clock, UserLockRegistry &locks,
    WalCheckpointer &checkpointer, Quarantine &quarantine, storage::WriterConnections &writers,
    const collection::CollectionHooks *collectionHooks, const storage::PgCollections *postgres)
{
    ServiceContext context;
    context.dataDir = options.dataDir;
    context.clock = &clock;
    context.locks = &locks;
    // WAL checkpoints, quarantined files and a file's writer connection are
    // SQLite's; PostgreSQL checkpoints and checks its own pages.
    context.checkpointer = postgres ? nullptr : &checkpointer;
    context.quarantine = postgres ? nullptr : &quarantine;
    context.writers = postgres ? nullptr : &writers;
    context.postgres = postgres;
    context.lockTimeout = options.lockTimeout;
    context.fuzz = options.fuzz;
    context.fault = options.fault;
    context.collectionHooks = collectionHooks;
    return context;
}

std::unique_ptr<postgres::PgDatabase> openDatabase(
    const QString &connectionString, std::optional<Error> &error)
{
    if (connectionString.isEmpty())
        return nullptr;
    auto target = postgres::PgConnectionString::parse(connectionString);
    if (!target) {
        error = target.error();
        return nullptr;
    }
    return std::make_unique<postgres::PgDatabase>(target.value());
}

} // namespace

Backend::Backend(const BackendOptions &options, const Clock &clock, UserLockRegistry &locks)
    : m_pg(openDatabase(options.database, m_databaseError))
    , m_pgCollections(m_pg ? std::make_unique<storage::PgCollections>(*m_pg) : nullptr)
    , m_checkpointer(locks)
    , m_collectionHooks(options.fault == Fault::None
              ? nullptr
              : std::make_unique<faults::PlantedCollectionHooks>(options.fault))
    , m_context(makeContext(options, clock, locks, m_checkpointer, m_quarantine, m_writers,
          m_collectionHooks.get(), m_pgCollections.get()))
    , m_accounts(
          options.dataDir, clock, PasswordHasher(options.hashing),
          [&clock](const QString &path) { return collection::UserCollection::create(path, clock); },
          m_pgCollections.get())
    , m_sessions(m_context.adminDbPath(), clock, options.sessions)
    , m_throttle(clock)
    , m_pgThrottle(m_pg ? std::make_unique<PgLoginThrottle>(*m_pg, clock) : nullptr)
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
    if (m_databaseError)
        return *m_databaseError;
    if (m_pg) {
        // Refused before anything is served: an old server, or one that
        // acknowledges commits it has not made durable; then the schema.
        if (auto checked = m_pg->checkServer(); !checked)
            return checked;
        if (auto prepared = postgres::preparePgSchema(*m_pg); !prepared)
            return prepared;
    }
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
