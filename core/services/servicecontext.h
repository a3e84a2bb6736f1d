#pragma once

#include "common/clock.h"
#include "common/fault.h"
#include "locking/userlockregistry.h"
#include "scheduling/fuzz.h"

#include <QString>

#include <chrono>
#include <memory>

namespace javumbo::collection {
class CollectionHooks;
}
namespace javumbo::storage {
class PgCollections;
class WriterConnections;
} // namespace javumbo::storage

namespace javumbo::interop {
class MediaStore;
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
    // The PostgreSQL backend (serve --database): accounts, sessions, keys and
    // every collection in that database; null: files under dataDir.
    const storage::PgCollections *postgres = nullptr;

    // Where each lives: a file's path, or on PostgreSQL a locator (storage/pgcollections.h).
    QString adminDbPath() const;
    QString idempotencyDbPath() const;
    QString collectionPath(qint64 userId) const;
    // The folder beside the user's collection file (on PostgreSQL, where the
    // file would be: the importer stages a package's media there).
    QString mediaFolder(qint64 userId) const;
    // Where the user's media files are kept: that folder, or rows in PostgreSQL.
    std::unique_ptr<interop::MediaStore> mediaStore(qint64 userId) const;
};

} // namespace javumbo
