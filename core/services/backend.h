#pragma once

#include "accounts/accountstore.h"
#include "cardservice.h"
#include "collection/collectionhooks.h"
#include "deckservice.h"
#include "housekeeper.h"
#include "postgres/pgdatabase.h"
#include "quarantine.h"
#include "reviewservice.h"
#include "scheduledbackups.h"
#include "servicecontext.h"
#include "sessions/memoryloginthrottle.h"
#include "sessions/pgloginthrottle.h"
#include "sessions/sessionstore.h"
#include "statsservice.h"
#include "storage/pgcollections.h"
#include "storage/writerconnections.h"
#include "walcheckpointer.h"

#include <memory>

namespace javumbo {

// Everything one data directory offers, wired once: accounts, sessions, the
// throttle and the study services, all sharing one clock and one lock
// registry. The server and the desktop app build the same Backend, so an
// embedded server and local study never race (docs/architecture.md §5).
struct BackendOptions
{
    QString dataDir;
    std::chrono::milliseconds lockTimeout {5000};
    PasswordHasher::Options hashing {};
    SessionPolicy sessions {};
    scheduling::FuzzSource fuzz = scheduling::FuzzSource::seeded();
    Fault fault = Fault::None; // common/fault.h; the server refuses it off loopback
    // How often expired sessions and Idempotency-Keys are deleted (Housekeeper).
    std::chrono::milliseconds purgeInterval {std::chrono::minutes(10)};
    // Scheduled backups (serve --backup-dir); dataDir is filled in from above.
    ScheduledBackups::Options backups {};
    // A libpq connection string (serve --database): accounts, sessions,
    // Idempotency-Keys, the login throttle and every collection in that
    // PostgreSQL database, shared by every instance using it
    // (docs/postgresql.md). Empty: SQLite files under dataDir.
    QString database;
};

class Backend
{
public:
    Backend(const BackendOptions &options, const Clock &clock, UserLockRegistry &locks);
    Q_DISABLE_COPY_MOVE(Backend) // services keep references into m_context

    // Creates the directories and admin.db and starts the housekeeping
    // thread (add its jobs before); call once before serving.
    Result<void> initialize();
    // Deletes expired sessions and Idempotency-Keys now (the Housekeeper's job).
    void purgeExpired();

    const ServiceContext &context() const { return m_context; }
    AccountStore &accounts() { return m_accounts; }
    SessionStore &sessions() { return m_sessions; }
    LoginThrottle &loginThrottle()
    {
        return m_pgThrottle ? static_cast<LoginThrottle &>(*m_pgThrottle) : m_throttle;
    }
    // The PostgreSQL database when the backend runs on one; null on SQLite.
    postgres::PgDatabase *postgresDatabase() const { return m_pg.get(); }
    const DeckService &decks() const { return m_decks; }
    const CardService &cards() const { return m_cards; }
    const ReviewService &reviews() const { return m_reviews; }
    const StatsService &stats() const { return m_stats; }
    UserLockRegistry &locks() { return *m_context.locks; }
    const Clock &clock() const { return *m_context.clock; }
    const WalCheckpointer &checkpointer() const { return m_checkpointer; }
    WalCheckpointer &checkpointer() { return m_checkpointer; }
    Quarantine &quarantine() { return m_quarantine; }
    Housekeeper &housekeeper() { return m_housekeeper; }
    const ScheduledBackups &backups() const { return m_backups; }
    ScheduledBackups &backups() { return m_backups; }

private:
    // PostgreSQL first: every store below may use it (null on SQLite, or
    // when the connection string was refused: initialize() then says why).
    std::optional<Error> m_databaseError;
    std::unique_ptr<postgres::PgDatabase> m_pg;
    std::unique_ptr<storage::PgCollections> m_pgCollections;
    WalCheckpointer m_checkpointer; // outlives every service that notes writes
    Quarantine m_quarantine;
    storage::WriterConnections m_writers; // before the services: closed after them
    std::unique_ptr<const collection::CollectionHooks> m_collectionHooks; // planted faults only
    ServiceContext m_context;
    AccountStore m_accounts;
    SessionStore m_sessions;
    MemoryLoginThrottle m_throttle;
    std::unique_ptr<PgLoginThrottle> m_pgThrottle; // instead of m_throttle on PostgreSQL
    DeckService m_decks;
    CardService m_cards;
    ReviewService m_reviews;
    StatsService m_stats;
    ScheduledBackups m_backups;
    Housekeeper m_housekeeper; // last: its thread stops before the services it calls go
};

} // namespace javumbo
