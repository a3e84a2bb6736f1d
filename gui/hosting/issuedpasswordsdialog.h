#pragma once

#include "common/result.h"
#include "services/accountadmin.h"

#include <QDialog>

class QTableWidget;

namespace javumbo::gui {

// The passwords just made, shown this once (they are stored only as hashes),
// with "Save as CSV…" for printing or mail merge, and the class-list lines
// that were not added, each with its number and why.
class IssuedPasswordsDialog : public QDialog
{
    Q_OBJECT
public:
    IssuedPasswordsDialog(const QString &title, const Enrolment &enrolment, QWidget *parent = nullptr);

    const Enrolment &enrolment() const { return m_enrolment; }
    // The table's passwords, as the teacher reads them.
    QString shownPassword(const QString &username) const;
    Result<void> saveCsv(const QString &path) const;

private:
    void chooseAndSave();

    Enrolment m_enrolment;
    QTableWidget *m_table;
};

} // namespace javumbo::gui
