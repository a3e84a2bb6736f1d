#include "profilemenu.h"

#include "client/clientcontext.h"
#include "client/errormessages.h"
#include "dialogs/passworddialog.h"
#include "dialogs/profiledialog.h"

#include <QActionGroup>
#include <QInputDialog>
#include <QMessageBox>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

namespace {
const QString kLastProfileKey = u"profile/lastUserId"_s;
}

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
    m_separator = addSeparator();
    addAction(m_newProfile);
    addAction(m_renameProfile);
    addAction(m_deleteProfile);
    connect(m_context, &ClientContext::clientChanged, this, &ProfileMenu::reloadProfiles);
}

std::optional<Profile> ProfileMenu::currentProfile() const
{
    const qint64 open = m_context->hasClient() ? m_context->client()->userId() : 0;
    for (const Profile &profile : m_profiles) {
        if (profile.userId == open)
            return profile;
    }
    return std::nullopt;
}

void ProfileMenu::rebuild(const QList<Profile> &profiles)
{
    m_profiles = profiles;
    delete m_group; // and its actions, which leave the menu with it
    m_group = new QActionGroup(this);
    const qint64 open = m_context->hasClient() ? m_context->client()->userId() : 0;
    int number = 0;
    for (const Profile &profile : profiles) {
        // "&" would become a mnemonic; a name is shown as typed.
        auto *action = new QAction(QString(profile.name).replace(u'&', u"&&"_s), m_group);
        action->setCheckable(true);
        action->setChecked(profile.userId == open);
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
    m_context->setClient(m_store->open(profile)); // the list reloads on clientChanged
    QSettings().setValue(kLastProfileKey, profile.userId);
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
    if (m_context->hasClient() && m_context->client()->userId() == profile.userId)
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
        if (profile.userId != doomed.userId && (!next || (next->hasPassword && !profile.hasPassword)))
            next = profile;
    }
    if (!next) {
        QMessageBox::information(parentWidget(), u"Delete profile"_s,
            u"“%1” is the only profile. Create another one before deleting it."_s.arg(doomed.name));
        return;
    }
    const auto answer = QMessageBox::warning(parentWidget(), u"Delete profile"_s,
        u"Delete the profile “%1” with all its decks, cards and review history? This cannot be undone."_s.arg(
            doomed.name),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes || !unlock(*next, parentWidget()))
        return;
    openProfile(*next);
    if (auto deleted = m_store->deleteProfile(doomed); !deleted)
        QMessageBox::warning(parentWidget(), u"Delete profile"_s, errorMessage(deleted.error()));
    reloadProfiles();
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
    const qint64 last = QSettings().value(kLastProfileKey, 0).toLongLong();
    std::stable_partition(candidates.begin(), candidates.end(),
        [last](const Profile &profile) { return profile.userId == last; });
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
