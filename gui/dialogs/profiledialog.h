#pragma once

#include "client/profilestore.h"

#include <QDialog>

#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace javumbo::gui {

class ClientWorker;

// Creates a local profile: a name and an optional password (empty: a strong
// random one, since a local profile never logs in). Shown on first start and
// from the Profile menu.
class ProfileDialog : public QDialog
{
    Q_OBJECT
public:
    ProfileDialog(ProfileStore *store, ClientWorker *worker, bool firstStart, QWidget *parent = nullptr);

    std::optional<Profile> createdProfile() const { return m_created; }
    void setName(const QString &name);

public Q_SLOTS:
    void accept() override;

private:
    ProfileStore *m_store;
    ClientWorker *m_worker;
    QLineEdit *m_name;
    QLineEdit *m_password;
    QLabel *m_status;
    QPushButton *m_create;
    std::optional<Profile> m_created;
};

} // namespace javumbo::gui
