#include "locktablemodel.h"

using namespace Qt::StringLiterals;

namespace javumbo::gui {

namespace {
const QStringList kHeaders
    = {u"User"_s, u"Held"_s, u"Waiters"_s, u"Acquired"_s, u"Contended"_s, u"Timeouts"_s, u"Longest wait"_s};
}

LockTableModel::LockTableModel(QObject *parent) : QAbstractTableModel(parent) { }

void LockTableModel::setRows(const QList<ServerLockRow> &rows)
{
    // Same users in the same order (the usual case): update in place so the selection survives.
    bool sameUsers = rows.size() == m_rows.size();
    for (int i = 0; sameUsers && i < rows.size(); ++i)
        sameUsers = rows.at(i).userId == m_rows.at(i).userId;
    if (sameUsers) {
        m_rows = rows;
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, int(kHeaders.size()) - 1));
        return;
    }
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int LockTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LockTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(kHeaders.size());
}

QVariant LockTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const ServerLockRow &row = m_rows.at(index.row());
    if (role == Qt::TextAlignmentRole && index.column() > 0)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case 0:
        return row.username.isEmpty() ? u"#%1"_s.arg(row.userId)
                                      : u"%1 (#%2)"_s.arg(row.username).arg(row.userId);
    case 1:
        return row.held ? u"yes"_s : u"–"_s;
    case 2:
        return row.waiters;
    case 3:
        return QString::number(row.acquisitions);
    case 4:
        return QString::number(row.contended);
    case 5:
        return QString::number(row.timeouts);
    case 6:
        return u"%1 ms"_s.arg(row.longestWaitMs, 0, 'f', 1);
    default:
        return {};
    }
}

QVariant LockTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return kHeaders.value(section);
}

} // namespace javumbo::gui
