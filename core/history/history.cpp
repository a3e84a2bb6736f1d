#include "history.h"

#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace javumbo::history {

History::History() : m_startedAt(QDateTime::currentDateTimeUtc())
{
    m_timer.start();
}

qint64 History::nowUs() const
{
    return m_timer.nsecsElapsed() / 1000;
}

qint64 History::append(Operation operation)
{
    std::function<void(const Operation &)> observer;
    {
        std::lock_guard lock(m_mutex);
        operation.seq = m_operations.size() + 1;
        m_operations.append(operation);
        observer = m_observer;
    }
    if (observer)
        observer(operation);
    return operation.seq;
}

void History::setObserver(std::function<void(const Operation &)> observer)
{
    std::lock_guard lock(m_mutex);
    m_observer = std::move(observer);
}

qsizetype History::size() const
{
    std::lock_guard lock(m_mutex);
    return m_operations.size();
}

QList<Operation> History::operations() const
{
    std::lock_guard lock(m_mutex);
    return m_operations;
}

QList<Operation> History::since(qint64 afterSeq) const
{
    std::lock_guard lock(m_mutex);
    return m_operations.mid(qsizetype(std::max<qint64>(afterSeq, 0)));
}

Result<void> History::writeJsonLines(const QString &path, const QList<Operation> &operations)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(
            ErrorCode::StorageUnavailable, u"cannot write %1: %2"_s.arg(path, file.errorString()));
    for (const Operation &operation : operations)
        file.write(QJsonDocument(operation.toJson()).toJson(QJsonDocument::Compact) + '\n');
    if (!file.commit())
        return makeError(
            ErrorCode::StorageUnavailable, u"cannot write %1: %2"_s.arg(path, file.errorString()));
    return {};
}

Result<QList<Operation>> History::readJsonLines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::NotFound, u"cannot read %1: %2"_s.arg(path, file.errorString()));
    QList<Operation> operations;
    int lineNumber = 0;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        ++lineNumber;
        if (line.isEmpty())
            continue;
        const std::optional<Operation> operation
            = Operation::fromJson(QJsonDocument::fromJson(line).object());
        if (!operation) {
            return makeError(
                ErrorCode::InvalidJson, u"%1 line %2 is not an operation record"_s.arg(path).arg(lineNumber));
        }
        operations.append(*operation);
    }
    return operations;
}

} // namespace javumbo::history
