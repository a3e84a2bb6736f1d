#pragma once

#include "client/profilestore.h"

#include <QMenu>

class QActionGroup;

namespace javumbo::gui {

class ClientContext;

// The Profile menu: the profiles of the data directory (the open one
// checked), switching between them (asking for a profile's password when it
// has one), creating, renaming and deleting profiles. Remembers the last
// profile in QSettings for the next start.
class ProfileMenu : public QMenu
{
    Q_OBJECT
public:
    ProfileMenu(ProfileStore *store, ClientContext *context, QWidget *parent = nullptr);

    // Opens the profile without asking for its password (the caller has just
    // made it, or checked it) and remembers it as the last one.
    void openProfile(const Profile &profile);
    // Asks for the profile's password when it has one, then opens it; false when cancelled.
    bool requestProfile(const Profile &profile);
    // Opens the last profile, else the first; on a first start asks for a new one.
    // False when there is none and the user cancelled.
    bool openStartupProfile(QWidget *dialogParent);
    QAction *newProfileAction() const { return m_newProfile; }
    // The open profile, once the list has loaded.
    std::optional<Profile> currentProfile() const;

public Q_SLOTS:
    void createProfile();
    void renameProfile();
    void deleteProfile();
    void reloadProfiles();

private:
    void rebuild(const QList<Profile> &profiles);
    // Asks for the password when the profile has one; true when it may open.
    bool unlock(const Profile &profile, QWidget *dialogParent);

    ProfileStore *m_store;
    ClientContext *m_context;
    QAction *m_newProfile;
    QAction *m_renameProfile;
    QAction *m_deleteProfile;
    QAction *m_separator;
    QActionGroup *m_group = nullptr; // owns the profile entries
    QList<Profile> m_profiles;
};

} // namespace javumbo::gui
