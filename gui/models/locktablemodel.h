#pragma once

#include "hosting/serverhost.h"

#include <QAbstractTableModel>

namespace javumbo::gui {

// The server panel's per-user lock table, refreshed from each snapshot.
class LockTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    explicit LockTableModel(QObject *parent = nullptr);
    void setRows(const QList<ServerLockRow> &rows);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<ServerLockRow> m_rows;
};

} // namespace javumbo::gui
