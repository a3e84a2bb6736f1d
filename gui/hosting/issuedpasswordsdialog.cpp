#include "issuedpasswordsdialog.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

IssuedPasswordsDialog::IssuedPasswordsDialog(
    const QString &title, const Enrolment &enrolment, QWidget *parent)
    : QDialog(parent), m_enrolment(enrolment), m_table(new QTableWidget(this))
{
    setWindowTitle(title);
    setObjectName(u"issuedPasswords"_s);
    auto *layout = new QVBoxLayout(this);
    if (!enrolment.added.isEmpty()) {
        auto *note
            = new QLabel(u"These passwords are shown only now: Javumbo keeps only a hash. Save them or "
                         "hand them out before closing; a forgotten one can be reset."_s,
                this);
        note->setWordWrap(true);
        layout->addWidget(note);
        m_table->setObjectName(u"issuedPasswordsTable"_s);
        m_table->setColumnCount(4);
        m_table->setHorizontalHeaderLabels({u"Username"_s, u"Name"_s, u"Email"_s, u"Password"_s});
        m_table->setRowCount(int(enrolment.added.size()));
        const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
        for (int row = 0; row < enrolment.added.size(); ++row) {
            const IssuedPassword &account = enrolment.added.at(row);
            const QStringList cells {account.username, account.name, account.email, account.password};
            for (int column = 0; column < cells.size(); ++column) {
                auto *item = new QTableWidgetItem(cells.at(column));
                item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
                if (column == 3)
                    item->setFont(fixed);
                m_table->setItem(row, column, item);
            }
        }
        m_table->verticalHeader()->hide();
        m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
        m_table->horizontalHeader()->setStretchLastSection(true);
        layout->addWidget(m_table, 1);
    } else {
        m_table->hide();
    }
    if (!enrolment.problems.isEmpty()) {
        QStringList lines;
        for (const RosterProblem &problem : enrolment.problems)
            lines.append(problem.line > 0
                    ? u"line %1: %2 — %3"_s.arg(problem.line).arg(problem.text, problem.message)
                    : problem.message);
        layout->addWidget(new QLabel(u"Not added (fix these lines and add them again):"_s, this));
        auto *problems = new QPlainTextEdit(lines.join(u'\n'), this);
        problems->setObjectName(u"rosterProblems"_s);
        problems->setReadOnly(true);
        problems->setMaximumHeight(problems->fontMetrics().lineSpacing() * 5); // the passwords matter more
        layout->addWidget(problems);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    if (!enrolment.added.isEmpty()) {
        QPushButton *save = buttons->addButton(u"Save as CSV…"_s, QDialogButtonBox::ActionRole);
        save->setObjectName(u"savePasswordsCsv"_s);
        connect(save, &QPushButton::clicked, this, &IssuedPasswordsDialog::chooseAndSave);
    }
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(680, 460);
}

QString IssuedPasswordsDialog::shownPassword(const QString &username) const
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (m_table->item(row, 0)->text() == username)
            return m_table->item(row, 3)->text();
    }
    return {};
}

Result<void> IssuedPasswordsDialog::saveCsv(const QString &path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(
            ErrorCode::StorageUnavailable, u"cannot write %1: %2"_s.arg(path, file.errorString()));
    // Only its owner may read a file of passwords.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(classroster::issuedPasswordsCsv(m_enrolment.added).toUtf8());
    if (!file.commit())
        return makeError(
            ErrorCode::StorageUnavailable, u"cannot write %1: %2"_s.arg(path, file.errorString()));
    return {};
}

void IssuedPasswordsDialog::chooseAndSave()
{
    const QString path = QFileDialog::getSaveFileName(
        this, u"Save the passwords"_s, u"class-passwords.csv"_s, u"CSV (*.csv)"_s);
    if (path.isEmpty())
        return;
    if (auto saved = saveCsv(path); !saved)
        QMessageBox::warning(this, windowTitle(), saved.error().message);
}

} // namespace javumbo::gui
