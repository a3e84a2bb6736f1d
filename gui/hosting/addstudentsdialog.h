#pragma once

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

private:
    void openFile();

    QPlainTextEdit *m_text;
};

} // namespace javumbo::gui
