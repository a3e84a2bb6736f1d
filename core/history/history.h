#pragma once

#include "common/result.h"
#include "operation.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QList>

#include <functional>
#include <mutex>

namespace javumbo::history {

// The run's append-only record of operations, shared by every virtual user.
// It also owns the run's clock: microseconds since the run started, from a
// monotonic timer, so a stepped wall clock cannot reorder the history.
class History
{
public:
    History();

    qint64 nowUs() const;
    QDateTime startedAt() const { return m_startedAt; }

    // Stores the operation with the next sequence number and hands it to the
    // observer (the checker), outside the history's lock. Returns the seq.
    qint64 append(Operation operation);
    void setObserver(std::function<void(const Operation &)> observer);

    qsizetype size() const;
    QList<Operation> operations() const;
    // Operations with seq > `afterSeq`, for incremental consumers.
    QList<Operation> since(qint64 afterSeq) const;

    // requests.jsonl: one Operation::toJson() per line.
    static Result<void> writeJsonLines(const QString &path, const QList<Operation> &operations);
    static Result<QList<Operation>> readJsonLines(const QString &path);

private:
    // Set at construction, then only read.
    QDateTime m_startedAt;
    QElapsedTimer m_timer;

    mutable std::mutex m_mutex;
    // Guarded by m_mutex:
    QList<Operation> m_operations;
    std::function<void(const Operation &)> m_observer;
};

} // namespace javumbo::history
