#include "backend.h"

#include "collection/usercollection.h"
#include "plantedfaults.h"

namespace javumbo {

namespace {

ServiceContext makeContext(const BackendOptions &options, const Clock &clock, UserLockRegistry &locks,
    WalCheckpointer &checkpointer, const collection::CollectionHooks *collectionHooks)
{
    ServiceContext context;
    context.dataDir = options.dataDir;
    context.clock = &clock;
    context.locks = &locks;
    context.checkpointer = &checkpointer;
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
    , m_context(makeContext(options, clock, locks, m_checkpointer, m_collectionHooks.get()))
    , m_accounts(options.dataDir, clock, PasswordHasher(options.hashing),
          [&clock](const QString &path) { return collection::UserCollection::create(path, clock); })
    , m_sessions(m_context.adminDbPath(), clock, options.sessions)
    , m_throttle(clock)
    , m_decks(m_context)
    , m_cards(m_context)
    , m_reviews(m_context)
    , m_stats(m_context)
{ }

Result<void> Backend::initialize()
{
    return m_accounts.initialize();
}

} // namespace javumbo
