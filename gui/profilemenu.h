#pragma once

#include "client/profilestore.h"

#include <QMenu>

class QActionGroup;

namespace javumbo::gui {

class ClientContext;

// The Profile menu: the profiles of the data directory (the open one
// checked), switching between them and creating a new one. Remembers the
// last profile in QSettings for the next start.
class ProfileMenu : public QMenu
{
    Q_OBJECT
public:
    ProfileMenu(ProfileStore *store, ClientContext *context, QWidget *parent = nullptr);

    // Opens the profile and remembers it as the last one.
    void openProfile(const Profile &profile);
    // Opens the last profile, else the first; on a first start asks for a new one.
    // False when there is none and the user cancelled.
    bool openStartupProfile(QWidget *dialogParent);
    QAction *newProfileAction() const { return m_newProfile; }

public Q_SLOTS:
    void createProfile();
    void reloadProfiles();

private:
    void rebuild(const QList<Profile> &profiles);

    ProfileStore *m_store;
    ClientContext *m_context;
    QAction *m_newProfile;
    QAction *m_separator;
    QActionGroup *m_group = nullptr; // owns the profile entries
};

} // namespace javumbo::gui
