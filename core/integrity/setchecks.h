#pragma once

#include "collectionsource.h"
#include "historyindex.h"
#include "integrityreport.h"

#include <QHash>
#include <QList>

namespace javumbo::integrity {

// One card carrying a tag, and whose collection it was found in.
struct Sighting
{
    QString userKey;
    QString username;
    qint64 userId = 0;
    CardRow card;
};
using SightingIndex = QHash<QString, QList<Sighting>>; // by tag; cards without a marker are left out

void addSightings(SightingIndex &index, const CollectionView &collection);

enum class TagResolution
{
    Verified, // acknowledged, found once in its owner's collection, as sent
    Violated, // some violation concerns the tag
    Pending, // acknowledged, not found yet, not lost yet
    Unknown, // the owner's collection could not be read
    Recovered, // only info attempts, found as sent
    Absent, // only info attempts, found nowhere
    Refused, // every attempt refused, found nowhere
};

struct TagJudgement
{
    TagResolution resolution = TagResolution::Pending;
    QList<Violation> violations;
};

// The set-style verdict on one tag from every card carrying it. An
// acknowledged tag found nowhere is lost only when `missingIsLost` (the final
// audit, or a pass confirming an earlier miss); before that it is pending. A
// tag found in another user's collection is misplaced, never also lost.
TagJudgement judgeTag(
    const TagAttempt &attempt, const QList<Sighting> &sightings, bool ownerReadable, bool missingIsLost);

struct SetAudit
{
    QList<Violation> violations;
    Lane lane;
    qint64 recovered = 0;
    qint64 absent = 0;
    qint64 unresolved = 0; // info attempts whose owner's collection was unreadable
};

// The final set checks: every attempted tag judged, and every card of a
// readable test collection that no attempt explains reported as a phantom.
SetAudit auditSets(const QHash<QString, TagAttempt> &tags, const QList<CollectionView> &collections);

} // namespace javumbo::integrity
