#pragma once

#include "client/profilestore.h"

#include <QDialog>

#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QStackedWidget;

namespace javumbo::gui {

class ClientWorker;

// Creates a profile, shown on first start and from the Profile menu. "On
// this computer": a name and an optional password (a local account of the data
// directory). "On a server": the server's address, a username and a password,
// used once to sign in; the profile keeps the session token, never the
// password (docs/remote-profiles.md).
class ProfileDialog : public QDialog
{
    Q_OBJECT
public:
    ProfileDialog(ProfileStore *store, ClientWorker *worker, bool firstStart, QWidget *parent = nullptr);

    std::optional<Profile> createdProfile() const { return m_created; }
    void setName(const QString &name);
    // Chooses "On a server" (true) or "On this computer".
    void setRemote(bool remote);
    bool isRemote() const;

public Q_SLOTS:
    void accept() override;

private:
    QWidget *buildLocalForm(bool firstStart);
    QWidget *buildServerForm();
    void createLocal();
    void signIn();
    void finish(const Result<Profile> &profile);

    ProfileStore *m_store;
    ClientWorker *m_worker;
    QRadioButton *m_local;
    QRadioButton *m_remote;
    QStackedWidget *m_forms;
    QLineEdit *m_name;
    QLineEdit *m_password;
    QLineEdit *m_serverUrl;
    QLineEdit *m_username;
    QLineEdit *m_serverPassword;
    QLabel *m_status;
    QPushButton *m_create;
    std::optional<Profile> m_created;
    bool m_busy = false;
};

} // namespace javumbo::gui
