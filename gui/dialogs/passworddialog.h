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
// only when it is right.
class PasswordDialog : public QDialog
{
    Q_OBJECT
public:
    PasswordDialog(
        ProfileStore *store, ClientWorker *worker, const Profile &profile, QWidget *parent = nullptr);

    void setPassword(const QString &password);
    bool isChecking() const { return m_checking; }

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
};

} // namespace javumbo::gui
