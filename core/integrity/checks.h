#pragma once

#include "violation.h"

#include <QList>
#include <QString>

namespace javumbo::integrity {

// The named checks of the final audit, in the order it reports them. The
// report, the CLI and the dashboard show these names; the dashboard lists
// them before the audit has run.
enum class Check
{
    Lost,
    Misplaced,
    Phantom,
    Duplicated,
    Mismatched,
    InfoResolved, // every info add_card resolved to recovered or absent
    Revlog,
    Reps,
    SessionMixup,
    SessionAfterLogout,
    Identities,
    DatabaseFiles,
    IntegrityCheck,
    ServerErrors,
    // Behind a load balancer: the hot user's writes reached more than one
    // instance, so the cross-instance lock was what kept them apart.
    Instances,
};

// lost, misplaced, phantom, duplicated, mismatched, info_resolved, revlog, reps,
// session_mixup, session_after_logout, identities, database_files,
// integrity_check, server_errors, instances.
QString checkName(Check check);
QStringList checkNames(); // every check, in report order

// The check a violation of `violationClass` fails: one finding turns its check red.
Check checkFor(ViolationClass violationClass);

} // namespace javumbo::integrity
