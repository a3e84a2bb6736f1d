#pragma once

#include "collectionsource.h"
#include "historyindex.h"
#include "integrityreport.h"

#include <QList>

namespace javumbo::integrity {

class ApiReader;
class DirectReader;

struct FinalAuditInput
{
    const HistoryIndex *history = nullptr;
    QList<Violation> historyViolations; // from HistoryChecks
    QList<TestAccount> users; // the test users, ids resolved where possible
    QList<CollectionView> collections; // full reads, collections[i] of users[i]
    QString sourceName; // "direct", "api" or "none"
    const DirectReader *direct = nullptr; // set on the direct path
    ApiReader *api = nullptr; // set on the API path
    // Spot checks of GET /cards/{id}, the owner's and another user's asking
    // (apiprobes.h): on the API path, and on PostgreSQL, where every user's
    // rows share the tables and only the server's filter keeps them apart.
    ApiReader *probes = nullptr;
    bool sourceSeesRevlog = false; // the direct and PostgreSQL readers do
    bool onPostgres = false; // read from PostgreSQL: no data directory to audit
    int spotChecksPerUser = 3;
};

// Runs every check on complete reads and decides the verdict: the one code
// path from history and data to a report (docs/architecture.md §6).
IntegrityReport runFinalAudit(const FinalAuditInput &input);

} // namespace javumbo::integrity
