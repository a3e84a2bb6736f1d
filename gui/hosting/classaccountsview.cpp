#include "classaccountsview.h"

#include "addstudentsdialog.h"
#include "client/clientworker.h"
#include "issuedpasswordsdialog.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <optional>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

struct ClassAccountsView::Outcome
{
    QList<Account> accounts;
    std::optional<Enrolment> issued; // passwords to show once
    QString title; // of the passwords dialog
    QString error;
};

ClassAccountsView::ClassAccountsView(ServerHost *host, QWidget *parent)
    : QWidget(parent)
    , m_host(host)
    , m_worker(new ClientWorker(this))
    , m_table(new QTableWidget(this))
    , m_message(new QLabel(this))
    , m_add(new QPushButton(u"Add students…"_s, this))
    , m_disable(new QPushButton(u"Disable"_s, this))
    , m_enable(new QPushButton(u"Enable"_s, this))
    , m_reset(new QPushButton(u"Reset password…"_s, this))
{
    m_table->setObjectName(u"classAccounts"_s);
    m_table->setColumnCount(4);
    m_table->setHorizontalHeaderLabels({u"Username"_s, u"Name"_s, u"Email"_s, u"Status"_s});
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &ClassAccountsView::updateButtons);
    m_message->setObjectName(u"classAccountsMessage"_s);
    m_message->setWordWrap(true);
    m_add->setObjectName(u"addStudents"_s);
    m_disable->setObjectName(u"disableAccount"_s);
    m_enable->setObjectName(u"enableAccount"_s);
    m_reset->setObjectName(u"resetPassword"_s);
    connect(m_add, &QPushButton::clicked, this, &ClassAccountsView::askAndAdd);
    connect(m_disable, &QPushButton::clicked, this, [this] { setDisabled(selectedUsername(), true); });
    connect(m_enable, &QPushButton::clicked, this, [this] { setDisabled(selectedUsername(), false); });
    connect(m_reset, &QPushButton::clicked, this, &ClassAccountsView::askAndReset);

    auto *buttons = new QHBoxLayout;
    for (QPushButton *button : {m_add, m_disable, m_enable, m_reset})
        buttons->addWidget(button);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_message);
    layout->addWidget(m_table, 1);
    updateButtons();
}

ClassAccountsView::~ClassAccountsView() = default;

void ClassAccountsView::setDataDirectory(const QString &directory)
{
    m_directory = directory;
    if (isVisible())
        refresh();
}

void ClassAccountsView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

IssuedPasswordsDialog *ClassAccountsView::issuedDialog() const
{
    return m_issued;
}

QString ClassAccountsView::lastError() const
{
    return m_message->property("error").toBool() ? m_message->text() : QString();
}

void ClassAccountsView::refresh()
{
    run([](AccountAdmin &, Outcome &) {});
}

void ClassAccountsView::addStudents(const QString &rosterText)
{
    run([rosterText](AccountAdmin &accounts, Outcome &outcome) {
        outcome.issued = accounts.enrol(rosterText);
        outcome.title = u"New class accounts"_s;
    });
}

void ClassAccountsView::setDisabled(const QString &username, bool disabled)
{
    if (username.isEmpty())
        return;
    run([username, disabled](AccountAdmin &accounts, Outcome &outcome) {
        if (auto done = accounts.setDisabled(username, disabled); !done)
            outcome.error = done.error().message;
    });
}

void ClassAccountsView::resetPassword(const QString &username)
{
    if (username.isEmpty())
        return;
    run([username](AccountAdmin &accounts, Outcome &outcome) {
        auto password = accounts.resetToGeneratedPassword(username);
        if (!password) {
            outcome.error = password.error().message;
            return;
        }
        auto account = accounts.list();
        Enrolment issued;
        for (const Account &each : account ? account.value() : QList<Account> {}) {
            if (each.username.compare(username, Qt::CaseInsensitive) == 0)
                issued.added.append({each.username, each.name, each.email, password.value()});
        }
        outcome.issued = issued;
        outcome.title = u"New password for %1"_s.arg(username);
    });
}

void ClassAccountsView::run(std::function<void(AccountAdmin &, Outcome &)> change)
{
    ++m_pending;
    updateButtons();
    ServerHost *host = m_host;
    m_worker->run(
        this,
        [host, directory = m_directory, change = std::move(change)] {
            Outcome outcome;
            auto accounts = host->accounts(directory);
            if (!accounts) {
                outcome.error = accounts.error().message;
                return outcome;
            }
            change(*accounts.value(), outcome);
            if (auto all = accounts.value()->list())
                outcome.accounts = all.value();
            else if (outcome.error.isEmpty())
                outcome.error = all.error().message;
            return outcome;
        },
        [this](Outcome outcome) {
            --m_pending;
            show(outcome);
            Q_EMIT operationFinished();
        });
}

void ClassAccountsView::show(const Outcome &outcome)
{
    const QString selected = selectedUsername();
    m_accounts = outcome.accounts;
    m_table->setRowCount(int(m_accounts.size()));
    for (int row = 0; row < m_accounts.size(); ++row) {
        const Account &account = m_accounts.at(row);
        QString status = account.disabled ? u"disabled"_s : u"active"_s;
        if (account.isAdmin)
            status += u", admin"_s;
        if (!account.hasPassword)
            status += u", desktop profile"_s;
        const QStringList cells {account.username, account.name, account.email, status};
        for (int column = 0; column < cells.size(); ++column)
            m_table->setItem(row, column, new QTableWidgetItem(cells.at(column)));
        if (account.username == selected)
            m_table->selectRow(row);
    }
    m_message->setProperty("error", !outcome.error.isEmpty());
    m_message->setText(outcome.error.isEmpty() ? u"%1 accounts"_s.arg(m_accounts.size()) : outcome.error);
    if (outcome.issued) {
        if (m_issued)
            m_issued->close();
        m_issued = new IssuedPasswordsDialog(outcome.title, *outcome.issued, this);
        m_issued->setAttribute(Qt::WA_DeleteOnClose);
        m_issued->open(); // window-modal, not exec(): the app keeps running
    }
    updateButtons();
}

QString ClassAccountsView::selectedUsername() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : m_table->item(rows.first().row(), 0)->text();
}

void ClassAccountsView::askAndAdd()
{
    AddStudentsDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted && !dialog.text().trimmed().isEmpty())
        addStudents(dialog.text());
}

void ClassAccountsView::askAndReset()
{
    const QString username = selectedUsername();
    if (username.isEmpty())
        return;
    const auto answer = QMessageBox::question(this, u"Reset password"_s,
        u"Give %1 a new password? The old one stops working at once."_s.arg(username));
    if (answer == QMessageBox::Yes)
        resetPassword(username);
}

void ClassAccountsView::updateButtons()
{
    const bool idle = m_pending == 0;
    const bool chosen = !selectedUsername().isEmpty();
    m_add->setEnabled(idle);
    m_disable->setEnabled(idle && chosen);
    m_enable->setEnabled(idle && chosen);
    m_reset->setEnabled(idle && chosen);
}

} // namespace javumbo::gui
