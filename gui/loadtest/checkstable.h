#pragma once

#include "integrity/integrityreport.h"

#include <QTableWidget>

namespace javumbo::gui {

// The audit's checks (integrity::checkNames(), in report order) as rows that
// turn green or red: red the moment the live checker finds a violation of a
// check (integrity::checkFor), and each row as the final audit decides it.
class ChecksTable : public QTableWidget
{
    Q_OBJECT
public:
    explicit ChecksTable(QWidget *parent = nullptr);

    // Every check pending.
    void reset();
    void draw(const QList<integrity::CheckOutcome> &checks, const QList<integrity::Violation> &violations);
    // The status column of `check` ("pass", "fail", "pending" ...); empty when it has no row.
    QString status(const QString &check) const;
};

} // namespace javumbo::gui
