#pragma once

#include "common/result.h"

#include <QDialog>

class QPlainTextEdit;

namespace javumbo::gui {

// A class list to add: pasted (from a spreadsheet or typed) or read from a
// CSV file, one student per line as `username, name, email`.
class AddStudentsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AddStudentsDialog(QWidget *parent = nullptr);

    QString text() const;
    // Puts a CSV file's text in the box (what "Open CSV file…" does with the chosen file).
    Result<void> loadFile(const QString &path);

private:
    void openFile();

    QPlainTextEdit *m_text;
};

} // namespace javumbo::gui
