#pragma once

#include "accounts/accountstore.h"
#include "cardservice.h"
#include "collection/collectionhooks.h"
#include "deckservice.h"
#include "reviewservice.h"
#include "servicecontext.h"
#include "sessions/loginthrottle.h"
#include "sessions/sessionstore.h"
#include "statsservice.h"
#include "walcheckpointer.h"

#include <memory>

namespace javumbo {

// Everything one data directory offers, wired once: accounts, sessions, the
// throttle and the study services, all sharing one clock and one lock
// registry. The server and the desktop app build the same Backend, so an
// embedded server and local study never race (ARCHITECTURE.md §5).
struct BackendOptions
{
    QString dataDir;
    std::chrono::milliseconds lockTimeout {5000};
    PasswordHasher::Options hashing {};
    SessionPolicy sessions {};
    scheduling::FuzzSource fuzz = scheduling::FuzzSource::seeded();
    Fault fault = Fault::None; // common/fault.h; the server refuses it off loopback
};

class Backend
{
public:
    Backend(const BackendOptions &options, const Clock &clock, UserLockRegistry &locks);
    Q_DISABLE_COPY_MOVE(Backend) // services keep references into m_context

    // Creates the directories and admin.db; call once before serving.
    Result<void> initialize();

    const ServiceContext &context() const { return m_context; }
    AccountStore &accounts() { return m_accounts; }
    SessionStore &sessions() { return m_sessions; }
    LoginThrottle &loginThrottle() { return m_throttle; }
    const DeckService &decks() const { return m_decks; }
    const CardService &cards() const { return m_cards; }
    const ReviewService &reviews() const { return m_reviews; }
    const StatsService &stats() const { return m_stats; }
    UserLockRegistry &locks() { return *m_context.locks; }
    const Clock &clock() const { return *m_context.clock; }
    const WalCheckpointer &checkpointer() const { return m_checkpointer; }
    WalCheckpointer &checkpointer() { return m_checkpointer; }

private:
    WalCheckpointer m_checkpointer; // first: outlives every service that notes writes
    std::unique_ptr<const collection::CollectionHooks> m_collectionHooks; // planted faults only
    ServiceContext m_context;
    AccountStore m_accounts;
    SessionStore m_sessions;
    LoginThrottle m_throttle;
    DeckService m_decks;
    CardService m_cards;
    ReviewService m_reviews;
    StatsService m_stats;
};

} // namespace javumbo
