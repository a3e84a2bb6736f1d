#pragma once

#include "history/operation.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

namespace javumbo::integrity {

// The operation a finding points at.
struct OpRef
{
    qint64 seq = 0;
    QString requestId;
    qint64 timeUs = 0; // completion
};

// Every attempt of one tag (retries share it), merged.
struct TagAttempt
{
    QString tag;
    QString username; // the owner: the account that attempted it
    qint64 userId = 0;
    QString front;
    QString back;
    QString deckName; // empty: any deck
    bool acknowledged = false; // some attempt answered 2xx
    bool uncertain = false; // some attempt's effect is unknown (info)
    qint64 cardId = 0; // from the first ok response
    OpRef op; // the first ok attempt, else the first attempt

    bool refused() const { return !acknowledged && !uncertain; } // every attempt got a definite 4xx
};

// The answers the test sent for one card of one user, and its undos of them:
// an acknowledged undo took back one revlog row and one rep (docs/api.md).
struct AnswerTally
{
    QString username;
    qint64 userId = 0;
    qint64 cardId = 0;
    int ok = 0;
    int info = 0;
    int undone = 0; // ok undos
    int undoInfo = 0; // undos whose effect is unknown
    int maxRepsAfter = -1; // largest reps an ok answer reported
    OpRef op; // the latest ok answer, else the latest answer

    // The rows (and reps) the answers and undos may have left.
    int fewest() const { return ok - undone - undoInfo; }
    int most() const { return ok + info - undone; }
};

// A registration the server accepted.
struct Registration
{
    QString username;
    qint64 userId = 0;
    QString email;
    OpRef op;
};

// A user the history acts as.
struct HistoryUser
{
    QString username;
    qint64 userId = 0; // 0 until an operation carried it
    bool registered = false; // an ok register in this run
    bool owns = false; // attempted a card or answered one: its collection must be read
};

// The history reduced to what the set and counter checks need: tags,
// answers, registrations and users. Not thread-safe (the Checker locks).
class HistoryIndex
{
public:
    // Returns true when this operation acknowledged its tag for the first time.
    bool add(const history::Operation &operation);

    // Keyed by tag.
    const QHash<QString, TagAttempt> &tags() const { return m_tags; }
    // Keyed by userKey(username) and card id (ids are unique per collection only).
    const QHash<std::pair<QString, qint64>, AnswerTally> &answers() const { return m_answers; }
    const QList<Registration> &registrations() const { return m_registrations; }
    // Keyed by userKey(username).
    const QHash<QString, HistoryUser> &users() const { return m_users; }
    qint64 acknowledged() const { return m_acknowledged; }
    // The instances that answered (X-Javumbo-Instance): one, or none named, on a single server.
    const QSet<QString> &instances() const { return m_instances; }
    // The hot user's acknowledged writes, and the instances that acknowledged them.
    qint64 hotUserWrites() const { return m_hotUserWrites; }
    const QSet<QString> &hotUserWriteInstances() const { return m_hotUserWriteInstances; }

    // Usernames are unique case-insensitively (docs/api.md): one key per account.
    static QString userKey(const QString &username);

private:
    HistoryUser &user(const history::Operation &operation);
    bool addCard(const history::Operation &operation);
    void addAnswer(const history::Operation &operation);
    void addUndo(const history::Operation &operation);
    void addInstance(const history::Operation &operation);

    QHash<QString, TagAttempt> m_tags;
    QHash<std::pair<QString, qint64>, AnswerTally> m_answers;
    QList<Registration> m_registrations;
    QHash<QString, HistoryUser> m_users;
    qint64 m_acknowledged = 0;
    QSet<QString> m_instances;
    QSet<QString> m_hotUserWriteInstances;
    qint64 m_hotUserWrites = 0;
};

OpRef opRef(const history::Operation &operation);

} // namespace javumbo::integrity
