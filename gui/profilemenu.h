#pragma once

#include "client/profilestore.h"

#include <QMenu>

#include <optional>

class QActionGroup;
class QTimer;

namespace javumbo::gui {

class ClientContext;

// The Profile menu: the profiles of the data directory (the open one
// checked), switching between them (asking for a profile's password when it
// has one), creating, renaming and deleting profiles. Remembers the last
// profile in QSettings for the next start.
//
// It also keeps automatic backups of the open profile, as Anki does: every
// 30 minutes of use, when switching to another profile and when the app
// closes (ProfileBackups keeps the newest 20), and restores one from
// "Restore from backup…" after a confirmation, backing up the current
// collection first.
class ProfileMenu : public QMenu
{
    Q_OBJECT
public:
    ProfileMenu(ProfileStore *store, ClientContext *context, QWidget *parent = nullptr);
    // Backs up the open profile: the app is closing.
    ~ProfileMenu() override;

    static constexpr int kBackupIntervalMs = 30 * 60 * 1000;

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
    QAction *restoreBackupAction() const { return m_restoreBackup; }
    QAction *signOutAction() const { return m_signOut; }
    // The profile opened last (the menu's list may still be loading).
    const std::optional<Profile> &openedProfile() const { return m_open; }
    ProfileStore *store() const { return m_store; }
    QTimer *backupTimer() const { return m_backupTimer; }

public Q_SLOTS:
    void createProfile();
    void renameProfile();
    void deleteProfile();
    void reloadProfiles();
    // Takes a backup of the open profile on the worker thread.
    void backUpOpenProfile();
    // Lists the open profile's backups, asks which one and for confirmation, restores it.
    void restoreBackup();
    // A remote profile: revokes its token on the server and forgets it here (docs/remote-profiles.md).
    // The profile stays open; its next call asks for the password.
    void signOut();

private:
    void rebuild(const QList<Profile> &profiles);
    // The open profile's Profile::key(); empty when none is open.
    QString openKey() const;
    // Asks for the password when the profile has one; true when it may open.
    bool unlock(const Profile &profile, QWidget *dialogParent);

    ProfileStore *m_store;
    ClientContext *m_context;
    QAction *m_newProfile;
    QAction *m_renameProfile;
    QAction *m_deleteProfile;
    QAction *m_restoreBackup;
    QAction *m_signOut;
    QAction *m_separator;
    QTimer *m_backupTimer;
    std::optional<Profile> m_open;
    QActionGroup *m_group = nullptr; // owns the profile entries
    QList<Profile> m_profiles;
};

} // namespace javumbo::gui
