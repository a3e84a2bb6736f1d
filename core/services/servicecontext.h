#pragma once

#include "common/clock.h"
#include "common/fault.h"
#include "locking/userlockregistry.h"
#include "scheduling/fuzz.h"

#include <QString>

#include <chrono>

namespace javumbo::collection {
class CollectionHooks;
}
namespace javumbo::storage {
class WriterConnections;
}

namespace javumbo {

class Quarantine;
class WalCheckpointer;

// What every service shares: where the data lives, the clock, the per-user
// locks and how long a request may wait for one. Built once at the edge (app/)
// and passed down; services never read settings themselves.
struct ServiceContext
{
    QString dataDir;
    const Clock *clock = nullptr;
    UserLockRegistry *locks = nullptr;
    WalCheckpointer *checkpointer = nullptr; // null: SQLite checkpoints in the writing thread
    Quarantine *quarantine = nullptr; // null: damaged collections are reported but not set aside
    // One connection per collection for its writes (storage/writerconnections.h); null: each
    // thread writes through its own.
    storage::WriterConnections *writers = nullptr;
    std::chrono::milliseconds lockTimeout {5000};
    scheduling::FuzzSource fuzz = scheduling::FuzzSource::seeded();
    Fault fault = Fault::None; // a planted bug for the checker's self-test; None in real use
    // The planted faults that act inside collections (PlantedCollectionHooks); null in real use.
    const collection::CollectionHooks *collectionHooks = nullptr;

    QString adminDbPath() const;
    QString idempotencyDbPath() const;
    QString collectionPath(qint64 userId) const;
};

} // namespace javumbo
