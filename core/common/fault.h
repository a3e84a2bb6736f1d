#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace javumbo {

// A known bug that `javumbo serve --fault NAME` plants on purpose, one at a
// time, so the load tester's integrity checker can prove that it catches the
// class of damage it claims to (see core/services/plantedfaults.h for where
// each one lives and what a load test must do to trigger it). Never active
// unless asked for, and only on a loopback address.
enum class Fault
{
    None,
    NoUserLock, // writes skip the per-user lock; answers read, then write stale state
    SharedSessionSlot, // the authenticated user passes through one process-wide slot
    ClockIds, // ids straight from a seconds clock, as the original app's; collisions become a vague 500
    LostAck, // every 100th acknowledged add (from the 20th) is undone after its 201
    DoubleRevlog, // every answer writes its revlog row twice
    NoIdempotency, // Idempotency-Key is ignored on POST /cards
    StaleSession, // a logged-out token keeps working for about 5 s
    UndoKeepsRevlog, // an undone answer keeps its revlog row
    UnfilteredCardRead, // GET /cards/{id} forgets the user_id filter (PostgreSQL only)
};

// The name used on the command line and in /health ("no-user-lock"); empty for None.
QString faultName(Fault fault);
// The fault of that name; nullopt for an unknown name (and for "" or "none").
std::optional<Fault> faultFromName(const QString &name);
enum class FaultScope
{
    Any,
    Sqlite, // only those that act on a server keeping SQLite files
};
// Every name faultFromName() accepts (in `scope`), in declaration order.
QStringList faultNames(FaultScope scope = FaultScope::Any);
// Whether the fault can act only where every user's rows share one table
// (PostgreSQL): on SQLite a user's collection is a file of its own, so a
// forgotten user filter has nothing else to find.
bool faultNeedsPostgres(Fault fault);
// The line `javumbo serve` prints on stderr while a fault is active.
QString faultWarning(Fault fault);

} // namespace javumbo
