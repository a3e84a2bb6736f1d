#include "profilemenu.h"

#include "client/clientcontext.h"
#include "client/errormessages.h"
#include "dialogs/profiledialog.h"

#include <QActionGroup>
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
    m_separator = addSeparator();
    addAction(m_newProfile);
}

void ProfileMenu::rebuild(const QList<Profile> &profiles)
{
    delete m_group; // and its actions, which leave the menu with it
    m_group = new QActionGroup(this);
    const qint64 open = m_context->hasClient() ? m_context->client()->userId() : 0;
    int number = 0;
    for (const Profile &profile : profiles) {
        auto *action = new QAction(profile.name, m_group);
        action->setCheckable(true);
        action->setChecked(profile.userId == open);
        if (++number <= 9) // Ctrl+Alt+1..9: quick switching in a family or classroom
            action->setShortcut(QKeySequence(u"Ctrl+Alt+%1"_s.arg(number)));
        connect(action, &QAction::triggered, this, [this, profile] { openProfile(profile); });
        insertAction(m_separator, action);
    }
    m_separator->setVisible(!profiles.isEmpty());
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
    m_context->setClient(m_store->open(profile));
    QSettings().setValue(kLastProfileKey, profile.userId);
    reloadProfiles();
}

void ProfileMenu::createProfile()
{
    ProfileDialog dialog(m_store, &m_context->worker(), false, parentWidget());
    if (dialog.exec() == QDialog::Accepted && dialog.createdProfile())
        openProfile(*dialog.createdProfile());
}

bool ProfileMenu::openStartupProfile(QWidget *dialogParent)
{
    // Once, before the window shows: listing accounts is one quick read of admin.db.
    auto profiles = m_store->profiles();
    if (!profiles) {
        QMessageBox::critical(dialogParent, u"Javumbo"_s, errorMessage(profiles.error()));
        return false;
    }
    const qint64 last = QSettings().value(kLastProfileKey, 0).toLongLong();
    for (const Profile &profile : profiles.value()) {
        if (profile.userId == last) {
            openProfile(profile);
            return true;
        }
    }
    if (!profiles->isEmpty()) {
        openProfile(profiles->first());
        return true;
    }
    ProfileDialog dialog(m_store, &m_context->worker(), true, dialogParent);
    if (dialog.exec() != QDialog::Accepted || !dialog.createdProfile())
        return false;
    openProfile(*dialog.createdProfile());
    return true;
}

} // namespace javumbo::gui
