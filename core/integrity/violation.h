#pragma once

#include <QJsonObject>
#include <QString>

namespace javumbo::integrity {

// What went wrong, one name per check of docs/architecture.md §6.
enum class ViolationClass
{
    Lost, // acknowledged, missing from its owner's collection and from every other
    Misplaced, // attempted by one user, found in another user's collection
    Phantom, // present in a test collection, never attempted (or refused)
    Duplicated, // one tag more than once in one collection
    Mismatched, // front, back or deck differs from what was sent
    RevlogMismatch, // revlog rows outside [ok answers, ok + info answers]
    RepsMismatch, // cards.reps disagrees with the revlog or with a reps the server answered
    SessionMixup, // the server named another user than the one the session belongs to
    SessionAfterLogout, // a session answered 2xx after its logout completed
    DuplicateIdentity, // two accounts share an id, username or email, or ids disagree
    DatabaseFiles, // a registered test user without exactly one collection file (or account row)
    IntegrityCheck, // PRAGMA integrity_check found damage
    ServerError, // a 500, which docs/api.md declares a bug
};

// snake_case: lost, misplaced, phantom, duplicated, mismatched, revlog_mismatch,
// reps_mismatch, session_mixup, session_after_logout, duplicate_identity,
// database_files, integrity_check, server_error.
QString violationClassName(ViolationClass violationClass);

// One violation with everything needed to find it again in the history,
// the server's log and the user's collection. Zero / empty when it does not apply.
struct Violation
{
    ViolationClass violationClass = ViolationClass::Lost;
    QString username;
    qint64 userId = 0;
    qint64 cardId = 0;
    QString tag;
    qint64 seq = 0; // the operation of the history it is about
    QString requestId;
    qint64 timeUs = 0; // that operation's completion, microseconds since the run's start
    QString detail;

    QJsonObject toJson() const;
};

} // namespace javumbo::integrity
