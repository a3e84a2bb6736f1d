#include "profilemenu.h"

#include "client/clientcontext.h"
#include "client/errormessages.h"
#include "dialogs/passworddialog.h"
#include "dialogs/profiledialog.h"

#include <QActionGroup>
#include <QInputDialog>
#include <QLocale>
#include <QMessageBox>
#include <QSettings>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

namespace {
const QString kLastProfileKey = u"profile/last"_s; // a Profile::key()
const QString kLegacyLastProfileKey = u"profile/lastUserId"_s; // before remote profiles: a local user id

QString lastProfileKey()
{
    QSettings settings;
    if (settings.contains(kLastProfileKey))
        return settings.value(kLastProfileKey).toString();
    return u"local:%1"_s.arg(settings.value(kLegacyLastProfileKey, 0).toLongLong());
}
} // namespace

ProfileMenu::ProfileMenu(ProfileStore *store, ClientContext *context, QWidget *parent)
    : QMenu(u"&Profile"_s, parent), m_store(store), m_context(context)
{
    m_newProfile = new QAction(u"&New profile…"_s, this);
    m_newProfile->setShortcut(QKeySequence(u"Ctrl+Shift+P"_s));
    connect(m_newProfile, &QAction::triggered, this, &ProfileMenu::createProfile);
    m_renameProfile = new QAction(u"&Rename profile…"_s, this);
    connect(m_renameProfile, &QAction::triggered, this, &ProfileMenu::renameProfile);
    m_deleteProfile = new QAction(u"&Delete profile…"_s, this);
    connect(m_deleteProfile, &QAction::triggered, this, &ProfileMenu::deleteProfile);
    m_restoreBackup = new QAction(u"&Restore from backup…"_s, this);
    m_restoreBackup->setEnabled(false);
    connect(m_restoreBackup, &QAction::triggered, this, &ProfileMenu::restoreBackup);
    m_signOut = new QAction(u"&Sign out"_s, this);
    m_signOut->setObjectName(u"signOut"_s);
    m_signOut->setEnabled(false);
    connect(m_signOut, &QAction::triggered, this, &ProfileMenu::signOut);
    m_separator = addSeparator();
    addAction(m_newProfile);
    addAction(m_renameProfile);
    addAction(m_deleteProfile);
    addAction(m_restoreBackup);
    addAction(m_signOut);
    connect(m_context, &ClientContext::clientChanged, this, &ProfileMenu::reloadProfiles);
    m_backupTimer = new QTimer(this);
    m_backupTimer->setInterval(kBackupIntervalMs);
    connect(m_backupTimer, &QTimer::timeout, this, &ProfileMenu::backUpOpenProfile);
    m_backupTimer->start();
}

QString ProfileMenu::openKey() const
{
    if (!m_context->hasClient())
        return {};
    // A client set on the context directly (tests, tools) is a local profile's.
    return m_open ? m_open->key() : u"local:%1"_s.arg(m_context->client()->userId());
}

std::optional<Profile> ProfileMenu::currentProfile() const
{
    const QString open = openKey();
    for (const Profile &profile : m_profiles) {
        if (profile.key() == open)
            return profile;
    }
    return std::nullopt;
}

ProfileMenu::~ProfileMenu()
{
    // On the calling thread: the worker may already be gone when the window closes.
    if (m_open && !m_open->isRemote())
        (void)m_store->backUp(*m_open);
}

void ProfileMenu::backUpOpenProfile()
{
    if (!m_open || m_open->isRemote()) // the server keeps a remote profile's backups
        return;
    ProfileStore *store = m_store;
    const Profile profile = *m_open;
    m_context->worker().run(
        this, [store, profile] { return store->backUp(profile); }, [](Result<ProfileBackup>) {});
}

void ProfileMenu::restoreBackup()
{
    if (!m_open)
        return;
    const Profile profile = *m_open;
    auto backups = m_store->backups(profile);
    if (!backups || backups->isEmpty()) {
        QMessageBox::information(parentWidget(), u"Restore from backup"_s,
            u"%1 has no backups yet. One is taken every 30 minutes and when Javumbo closes."_s.arg(
                profile.name));
        return;
    }
    QStringList items;
    const QLocale locale;
    for (const ProfileBackup &backup : backups.value())
        items << u"%1 (%2)"_s.arg(locale.toString(backup.takenAt.toLocalTime(), QLocale::LongFormat),
            locale.formattedDataSize(backup.size));
    bool chosen = false;
    const QString item = QInputDialog::getItem(parentWidget(), u"Restore from backup"_s,
        u"Backups of %1, newest first:"_s.arg(profile.name), items, 0, false, &chosen);
    if (!chosen)
        return;
    const ProfileBackup backup = backups->at(items.indexOf(item));
    const auto answer = QMessageBox::question(parentWidget(), u"Restore from backup"_s,
        u"Replace %1's cards, decks and reviews with the backup of %2?\n\nWhat is there now is backed up "
        u"first, "
        "so you can go back to it from this menu."_s.arg(profile.name, items.at(items.indexOf(item))),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    ProfileStore *store = m_store;
    m_context->worker().run(
        this, [store, profile, backup] { return store->restore(profile, backup.path); },
        [this, profile](Result<void> restored) {
            if (!restored) {
                QMessageBox::critical(
                    parentWidget(), u"Restore from backup"_s, errorMessage(restored.error()));
                return;
            }
            openProfile(profile); // every view reloads from the restored collection
        });
}

void ProfileMenu::rebuild(const QList<Profile> &profiles)
{
    m_profiles = profiles;
    delete m_group; // and its actions, which leave the menu with it
    m_group = new QActionGroup(this);
    const QString open = openKey();
    int number = 0;
    for (const Profile &profile : profiles) {
        // "&" would become a mnemonic; a name is shown as typed.
        auto *action = new QAction(QString(profile.name).replace(u'&', u"&&"_s), m_group);
        action->setCheckable(true);
        action->setChecked(profile.key() == open);
        if (profile.isRemote())
            action->setToolTip(u"%1 on %2"_s.arg(profile.username, profile.serverUrl.toString()));
        if (++number <= 9) // Ctrl+Alt+1..9: quick switching in a family or classroom
            action->setShortcut(QKeySequence(u"Ctrl+Alt+%1"_s.arg(number)));
        connect(action, &QAction::triggered, this, [this, profile] {
            if (!requestProfile(profile))
                reloadProfiles(); // the check mark goes back to the open profile
        });
        insertAction(m_separator, action);
    }
    m_separator->setVisible(!profiles.isEmpty());
    m_deleteProfile->setEnabled(profiles.size() > 1); // as in Anki, the last profile stays
}

void ProfileMenu::reloadProfiles()
{
    ProfileStore *store = m_store;
    m_context->worker().run(
        this, [store] { return store->profiles(); },
        [this](Result<QList<Profile>> profiles) {
            if (profiles)
                rebuild(profiles.value());
        });
}

void ProfileMenu::openProfile(const Profile &profile)
{
    if (m_open && m_open->key() != profile.key())
        backUpOpenProfile();
    m_open = profile;
    m_restoreBackup->setEnabled(!profile.isRemote());
    m_signOut->setEnabled(profile.isRemote());
    m_deleteProfile->setText(profile.isRemote() ? u"&Remove profile…"_s : u"&Delete profile…"_s);
    m_context->setClient(m_store->open(profile)); // the list reloads on clientChanged
    QSettings().setValue(kLastProfileKey, profile.key());
}

bool ProfileMenu::unlock(const Profile &profile, QWidget *dialogParent)
{
    if (!profile.hasPassword)
        return true;
    PasswordDialog dialog(m_store, &m_context->worker(), profile, dialogParent);
    return dialog.exec() == QDialog::Accepted;
}

bool ProfileMenu::requestProfile(const Profile &profile)
{
    if (openKey() == profile.key())
        return true; // already open: switching to it again asks nothing
    if (!unlock(profile, parentWidget()))
        return false;
    openProfile(profile);
    return true;
}

void ProfileMenu::createProfile()
{
    ProfileDialog dialog(m_store, &m_context->worker(), false, parentWidget());
    if (dialog.exec() == QDialog::Accepted && dialog.createdProfile())
        openProfile(*dialog.createdProfile());
}

void ProfileMenu::renameProfile()
{
    const std::optional<Profile> current = currentProfile();
    if (!current)
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(
        parentWidget(), u"Rename profile"_s, u"New name:"_s, QLineEdit::Normal, current->name, &ok);
    if (!ok || name.simplified() == current->name)
        return;
    auto renamed = m_store->renameProfile(*current, name); // one quick write of admin.db
    if (!renamed) {
        QMessageBox::warning(parentWidget(), u"Rename profile"_s, errorMessage(renamed.error()));
        return;
    }
    openProfile(renamed.value()); // the window title and the client carry the new name
}

void ProfileMenu::deleteProfile()
{
    const std::optional<Profile> current = currentProfile();
    if (!current)
        return;
    const Profile doomed = *current;
    // The profile that opens instead is chosen (and unlocked) first: cancelling leaves everything as it was.
    std::optional<Profile> next;
    for (const Profile &profile : std::as_const(m_profiles)) {
        if (profile.key() != doomed.key() && (!next || (next->hasPassword && !profile.hasPassword)))
            next = profile;
    }
    if (!next) {
        QMessageBox::information(parentWidget(), u"Delete profile"_s,
            u"“%1” is the only profile. Create another one before deleting it."_s.arg(doomed.name));
        return;
    }
    const QString question = doomed.isRemote()
        ? u"Remove “%1” from this computer? You are signed out; the account, its decks and cards stay on "
          "%2."_s.arg(doomed.name, doomed.serverUrl.toString())
        : u"Delete the profile “%1” with all its decks, cards and review history? This cannot be undone."_s
              .arg(doomed.name);
    const auto answer = QMessageBox::warning(parentWidget(), u"Delete profile"_s, question,
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes || !unlock(*next, parentWidget()))
        return;
    openProfile(*next);
    if (doomed.isRemote()) { // signing out talks to the server: off the UI thread
        ProfileStore *store = m_store;
        m_context->worker().run(
            this, [store, doomed] { return store->deleteProfile(doomed); },
            [this](Result<void> removed) {
                if (!removed)
                    QMessageBox::warning(parentWidget(), u"Remove profile"_s, errorMessage(removed.error()));
                reloadProfiles();
            });
        return;
    }
    if (auto deleted = m_store->deleteProfile(doomed); !deleted)
        QMessageBox::warning(parentWidget(), u"Delete profile"_s, errorMessage(deleted.error()));
    reloadProfiles();
}

void ProfileMenu::signOut()
{
    if (!m_open || !m_open->isRemote())
        return;
    const Profile profile = *m_open;
    ProfileStore *store = m_store;
    m_signOut->setEnabled(false);
    m_context->worker().run(
        this, [store, profile] { return store->signOut(profile); },
        [this](Result<void> revoked) {
            if (!revoked) // forgotten here all the same: say why the server may still know it
                QMessageBox::warning(parentWidget(), u"Sign out"_s,
                    u"This computer forgot the session, but the server could not be told: %1"_s.arg(
                        errorMessage(revoked.error())));
            reloadProfiles();
        });
}

bool ProfileMenu::openStartupProfile(QWidget *dialogParent)
{
    // Once, before the window shows: listing accounts is one quick read of admin.db.
    auto profiles = m_store->profiles();
    if (!profiles) {
        QMessageBox::critical(dialogParent, u"Javumbo"_s, errorMessage(profiles.error()));
        return false;
    }
    // The last profile first, then the others: a cancelled password moves on to the next.
    QList<Profile> candidates = profiles.value();
    const QString last = lastProfileKey();
    std::stable_partition(candidates.begin(), candidates.end(),
        [&last](const Profile &profile) { return profile.key() == last; });
    for (const Profile &profile : std::as_const(candidates)) {
        if (unlock(profile, dialogParent)) {
            openProfile(profile);
            return true;
        }
    }
    ProfileDialog dialog(m_store, &m_context->worker(), true, dialogParent);
    if (dialog.exec() != QDialog::Accepted || !dialog.createdProfile())
        return false;
    openProfile(*dialog.createdProfile());
    return true;
}

} // namespace javumbo::gui
