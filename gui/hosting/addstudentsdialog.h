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
    // BadRequest when unreadable or over kMaxClassListBytes.
    Result<void> loadFile(const QString &path);
    static constexpr qint64 kMaxClassListBytes = 1 << 20;

private:
    void openFile();

    QPlainTextEdit *m_text;
};

} // namespace javumbo::gui
