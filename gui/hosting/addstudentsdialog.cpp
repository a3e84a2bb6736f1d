#include "addstudentsdialog.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

AddStudentsDialog::AddStudentsDialog(QWidget *parent) : QDialog(parent), m_text(new QPlainTextEdit(this))
{
    setWindowTitle(u"Add students"_s);
    auto *note = new QLabel(u"One student per line: username, name, email (commas, semicolons or tabs; a "
                            "spreadsheet's columns pasted as they are). Each gets a generated password, "
                            "shown once."_s,
        this);
    note->setWordWrap(true);
    m_text->setObjectName(u"studentLines"_s);
    m_text->setPlaceholderText(
        u"ana.lopez, Ana López, ana@school.example\nben.k, Ben Kim, ben@school.example"_s);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(u"Add students"_s);
    QPushButton *open = buttons->addButton(u"Open CSV file…"_s, QDialogButtonBox::ActionRole);
    connect(open, &QPushButton::clicked, this, &AddStudentsDialog::openFile);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(note);
    layout->addWidget(m_text, 1);
    layout->addWidget(buttons);
    resize(560, 360);
}

QString AddStudentsDialog::text() const
{
    return m_text->toPlainText();
}

void AddStudentsDialog::openFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this, u"Class list"_s, QString(), u"Class lists (*.csv *.tsv *.txt);;All files (*)"_s);
    if (path.isEmpty())
        return;
    if (auto loaded = loadFile(path); !loaded)
        QMessageBox::warning(this, windowTitle(), loaded.error().message);
}

Result<void> AddStudentsDialog::loadFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::BadRequest, u"Cannot read %1: %2"_s.arg(path, file.errorString()));
    // A class list is a few kilobytes; a big file is the wrong file (a video, a database), and
    // reading it whole would freeze the window.
    if (file.size() > kMaxClassListBytes)
        return makeError(ErrorCode::BadRequest,
            u"%1 is %2 MiB: a class list is at most 1 MiB (one student per line). Is it the right file?"_s
                .arg(path, QString::number(double(file.size()) / (1 << 20), 'f', 1)));
    m_text->setPlainText(QString::fromUtf8(file.readAll()));
    return {};
}

} // namespace javumbo::gui
