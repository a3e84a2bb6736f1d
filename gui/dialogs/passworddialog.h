#pragma once

#include "client/profilestore.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace javumbo::gui {

class ClientWorker;

// Asks for a profile's password before it opens (a shared lab computer).
// Checks it off the UI thread (hashing is deliberately slow) and closes
// only when it is right. For a remote profile it is the sign-in dialog: the
// password signs in to the server (ProfileStore::signIn) and token() is the
// new session's, already kept in the token store.
class PasswordDialog : public QDialog
{
    Q_OBJECT
public:
    PasswordDialog(
        ProfileStore *store, ClientWorker *worker, const Profile &profile, QWidget *parent = nullptr);

    void setPassword(const QString &password);
    bool isChecking() const { return m_checking; }
    // A remote profile's new session token, once accepted.
    QString token() const { return m_token; }

public Q_SLOTS:
    void accept() override;

private:
    ProfileStore *m_store;
    ClientWorker *m_worker;
    Profile m_profile;
    QLineEdit *m_password;
    QLabel *m_status;
    QPushButton *m_open;
    bool m_checking = false;
    QString m_token;
};

} // namespace javumbo::gui
