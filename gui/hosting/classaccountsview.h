#pragma once

#include "serverhost.h"

#include <QPointer>
#include <QWidget>

#include <functional>

class QLabel;
class QPushButton;
class QTableWidget;

namespace javumbo::gui {

class ClientWorker;
class IssuedPasswordsDialog;

// The class's accounts in the served data directory: add a class list
// (generated passwords shown once, IssuedPasswordsDialog), disable, enable,
// reset a password. The same core code as `javumbo users` (AccountAdmin),
// run on a thread of its own: hashing a class's passwords takes seconds.
class ClassAccountsView : public QWidget
{
    Q_OBJECT
public:
    explicit ClassAccountsView(ServerHost *host, QWidget *parent = nullptr);
    ~ClassAccountsView() override;

    // The directory the accounts live in (empty: the app's own); re-read
    // when shown (checking a directory creates it: not before it is needed).
    void setDataDirectory(const QString &directory);
    const QList<Account> &accounts() const { return m_accounts; }
    // An operation is running (the tests wait for false).
    bool isBusy() const { return m_pending > 0; }
    // The passwords dialog shown last, while it is open.
    IssuedPasswordsDialog *issuedDialog() const;
    // Why the last operation failed; empty when it worked.
    QString lastError() const;

public Q_SLOTS:
    void refresh();
    void addStudents(const QString &rosterText);
    void setDisabled(const QString &username, bool disabled);
    void resetPassword(const QString &username);

Q_SIGNALS:
    void operationFinished();

protected:
    void showEvent(QShowEvent *event) override;

private:
    struct Outcome;
    // Runs `change` on the worker with the directory's accounts, then re-lists them.
    void run(std::function<void(AccountAdmin &, Outcome &)> change);
    void show(const Outcome &outcome);
    QString selectedUsername() const;
    void askAndAdd();
    void askAndReset();
    void updateButtons();

    ServerHost *m_host;
    ClientWorker *m_worker;
    QString m_directory;
    QList<Account> m_accounts;
    int m_pending = 0;
    QPointer<IssuedPasswordsDialog> m_issued;
    QTableWidget *m_table;
    QLabel *m_message;
    QPushButton *m_add;
    QPushButton *m_disable;
    QPushButton *m_enable;
    QPushButton *m_reset;
};

} // namespace javumbo::gui
