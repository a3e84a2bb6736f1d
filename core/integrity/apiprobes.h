#pragma once

#include "apireader.h"
#include "historyindex.h"
#include "violation.h"

#include <QList>
#include <QStringList>

namespace javumbo::integrity {

struct ProbeAudit
{
    QList<Violation> violations;
    int probes = 0;
    QStringList problems; // probes that could not be made
};

// Spot checks of GET /cards/{id} on the API path, after a full listing:
// each owner reads up to `perUser` of its listed cards back (200 with the
// same marker, else mismatched), and each user asks for one card id of the
// next user. Ids are unique per collection only, so that cross-user probe may
// legitimately return the asker's own card with the same id; it is a
// violation (misplaced) only when the answer carries the other user's marker.
// `accounts[i]` reads `collections[i]`.
ProbeAudit probeCards(ApiReader &reader, const QList<TestAccount> &accounts,
    const QList<CollectionView> &collections, const QHash<QString, TagAttempt> &tags, int perUser);

} // namespace javumbo::integrity
