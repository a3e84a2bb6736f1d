#include "profiledialog.h"

#include "client/clientworker.h"
#include "client/errormessages.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

ProfileDialog::ProfileDialog(ProfileStore *store, ClientWorker *worker, bool firstStart, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_worker(worker)
    , m_name(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_status(new QLabel(this))
{
    setWindowTitle(firstStart ? u"Welcome to Javumbo"_s : u"New profile"_s);
    m_name->setObjectName(u"profileName"_s);
    m_password->setObjectName(u"profilePassword"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(u"optional"_s);
    m_name->setMaxLength(kMaxProfileNameLength);
    m_status->setWordWrap(true);

    auto *intro = new QLabel(firstStart
            ? u"Create a profile to keep your cards in. It is an account of this computer's data directory "
              "(%1), so a server you start from here can serve it too."_s.arg(m_store->dataDirectory())
            : u"A new profile has its own decks, cards and statistics."_s,
        this);
    intro->setWordWrap(true);
    auto *hint
        = new QLabel(u"Any name will do (“María”, “Class 3B”). Leave the password empty to study only "
                     "on this computer. With a password, the profile asks for it before it opens, and you "
                     "can log in to it through the server."_s,
            this);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_create = buttons->addButton(u"Create profile"_s, QDialogButtonBox::AcceptRole);
    m_create->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &ProfileDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *form = new QFormLayout(this);
    form->addRow(intro);
    form->addRow(u"Profile &name:"_s, m_name);
    form->addRow(u"&Password:"_s, m_password);
    form->addRow(hint);
    form->addRow(m_status);
    form->addRow(buttons);
    setMinimumWidth(460);
}

void ProfileDialog::setName(const QString &name)
{
    m_name->setText(name);
}

void ProfileDialog::accept()
{
    const QString name = m_name->text().trimmed();
    const QString password = m_password->text();
    if (name.isEmpty()) {
        m_status->setText(u"Give the profile a name."_s);
        return;
    }
    m_create->setEnabled(false);
    m_status->setText(u"Creating…"_s);
    ProfileStore *store = m_store;
    // Password hashing is deliberately slow: off the UI thread.
    m_worker->run(
        this, [store, name, password] { return store->createProfile(name, password); },
        [this](Result<Profile> profile) {
            m_create->setEnabled(true);
            if (!profile) {
                m_status->setText(errorMessage(profile.error()));
                return;
            }
            m_created = profile.value();
            QDialog::accept();
        });
}

} // namespace javumbo::gui
