#pragma once

#include "collectionsource.h"
#include "historychecks.h"
#include "historyindex.h"
#include "integrityreport.h"
#include "setchecks.h"

#include <QHash>
#include <QList>

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>

namespace javumbo::integrity {

class ApiReader;
class DirectReader;
class PostgresReader;

struct CheckerOptions
{
    QString dataDir; // the server's data directory; empty: no direct path
    // The server's PostgreSQL database (serve --database), a libpq connection
    // string; when set, collections are read there (PostgresReader) first.
    QString database;
    QString apiHost; // empty: 127.0.0.1
    quint16 apiPort = 0; // 0: no API path
    int apiPageSize = 500;
    int apiSpotChecksPerUser = 3;
    std::chrono::milliseconds apiTimeout {30000};
};

// The integrity checker (docs/architecture.md §6, core/integrity/README.md):
// decides from the load tester's history and the server's data whether any
// acknowledged data was lost or landed in another user's collection.
//
//   Checker checker({dataDir, host, port});
//   checker.setAccounts(accounts);          // any time; credentials for the API path
//   checker.observe(op);                    // from any thread, as operations complete
//   checker.verifyPending();                // periodically, from one background thread
//   checker.lane(); checker.violations();   // snapshots for the live display
//   IntegrityReport report = checker.finish();  // after the run: the authoritative audit
//
// The server's data is read from the data directory when it is readable
// (strictly read-only), else through the API, else not at all (UNKNOWN).
// observe() is cheap and thread-safe; verifyPending() and finish() run one at
// a time and read files or the API without blocking observe().
class Checker
{
public:
    explicit Checker(CheckerOptions options);
    ~Checker();
    Checker(const Checker &) = delete;
    Checker &operator=(const Checker &) = delete;

    // The accounts of the run, replacing earlier ones; addAccount() adds or updates one.
    void setAccounts(const QList<TestAccount> &accounts);
    void addAccount(const TestAccount &account);

    void observe(const history::Operation &operation);
    // Looks for acknowledged cards not verified yet. One missing from its
    // owner's collection stays pending for one more pass, which rereads
    // every test collection in full; missing again, it is lost (or misplaced).
    void verifyPending();

    // During a run: incremental findings. After finish(): the final ones.
    Lane lane() const;
    QList<Violation> violations() const;

    // The full audit of everything observed; may be called again.
    IntegrityReport finish();

private:
    struct LaneEntry
    {
        TagResolution resolution = TagResolution::Pending; // Pending, Verified or Violated
        int misses = 0; // passes that read the owner's collection and did not find the tag
    };

    QList<TestAccount> testUsersLocked() const;
    CollectionSource *source();
    // Fills in the user id where the history did not learn it.
    Result<void> resolve(CollectionSource &source, TestAccount &user);
    QList<CollectionView> readAll(CollectionSource *source, QList<TestAccount> &users, bool full);

    CheckerOptions m_options; // set at construction, then only read

    // Lock order: m_passMutex before m_mutex. observe() takes only m_mutex, so a
    // pass reading files or the API never holds up the virtual users.
    mutable std::mutex m_mutex;
    // Guarded by m_mutex: everything observe() touches, and the live findings.
    QHash<QString, TestAccount> m_accounts; // by user key
    HistoryIndex m_history;
    HistoryChecks m_historyChecks;
    QList<Violation> m_historyViolations;
    QList<Violation> m_passViolations; // set violations found by verifyPending()
    QHash<QString, LaneEntry> m_lane; // acknowledged tags
    Lane m_counts;
    std::optional<IntegrityReport> m_final;

    std::mutex m_passMutex;
    // Guarded by m_passMutex: what the passes keep (one verifyPending() or finish() at a time).
    std::unique_ptr<DirectReader> m_direct;
    std::unique_ptr<ApiReader> m_api;
    std::unique_ptr<PostgresReader> m_postgres;
    CollectionSource *m_source = nullptr; // chosen at the first pass that finds one usable
    QHash<QString, qint64> m_resolvedIds; // by user key
    QHash<QString, qint64> m_cursors; // by user key
    SightingIndex m_sightings; // every marked card read so far
};

} // namespace javumbo::integrity
