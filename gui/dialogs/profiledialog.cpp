#include "profiledialog.h"

#include "client/clientworker.h"
#include "client/errormessages.h"
#include "client/remoteprofilelist.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStackedWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

namespace {

QLabel *hintLabel(const QString &text, QWidget *parent)
{
    auto *hint = new QLabel(text, parent);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    return hint;
}

} // namespace

ProfileDialog::ProfileDialog(ProfileStore *store, ClientWorker *worker, bool firstStart, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_worker(worker)
    , m_local(new QRadioButton(u"On this &computer"_s, this))
    , m_remote(new QRadioButton(u"On a &server"_s, this))
    , m_forms(new QStackedWidget(this))
    , m_name(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_serverUrl(new QLineEdit(this))
    , m_username(new QLineEdit(this))
    , m_serverPassword(new QLineEdit(this))
    , m_status(new QLabel(this))
{
    setObjectName(u"profileDialog"_s);
    setWindowTitle(firstStart ? u"Welcome to Javumbo"_s : u"New profile"_s);
    m_local->setObjectName(u"profileLocal"_s);
    m_remote->setObjectName(u"profileRemote"_s);
    m_status->setObjectName(u"profileStatus"_s);
    m_status->setWordWrap(true);
    auto *where = new QButtonGroup(this);
    where->addButton(m_local);
    where->addButton(m_remote);
    m_local->setChecked(true);
    auto *choice = new QHBoxLayout;
    choice->addWidget(new QLabel(u"Keep the cards:"_s, this));
    choice->addWidget(m_local);
    choice->addWidget(m_remote);
    choice->addStretch();

    m_forms->addWidget(buildLocalForm(firstStart));
    m_forms->addWidget(buildServerForm());

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_create = buttons->addButton(u"Create profile"_s, QDialogButtonBox::AcceptRole);
    m_create->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &ProfileDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_remote, &QRadioButton::toggled, this, &ProfileDialog::setRemote);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(choice);
    layout->addWidget(m_forms);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    setMinimumWidth(480);
}

QWidget *ProfileDialog::buildLocalForm(bool firstStart)
{
    auto *page = new QWidget(this);
    m_name->setObjectName(u"profileName"_s);
    m_password->setObjectName(u"profilePassword"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(u"optional"_s);
    m_name->setMaxLength(kMaxProfileNameLength);
    auto *intro = new QLabel(firstStart
            ? u"Create a profile to keep your cards in. It is an account of this computer's data directory "
              "(%1), so a server you start from here can serve it too."_s.arg(m_store->dataDirectory())
            : u"A new profile has its own decks, cards and statistics."_s,
        page);
    intro->setWordWrap(true);
    auto *form = new QFormLayout(page);
    form->setContentsMargins({});
    form->addRow(intro);
    form->addRow(u"Profile &name:"_s, m_name);
    form->addRow(u"&Password:"_s, m_password);
    form->addRow(hintLabel(u"Any name will do (“María”, “Class 3B”). Leave the password empty to study only "
                           "on this computer. With a password, the profile asks for it before it opens, and "
                           "you can log in to it through the server."_s,
        page));
    return page;
}

QWidget *ProfileDialog::buildServerForm()
{
    auto *page = new QWidget(this);
    m_serverUrl->setObjectName(u"serverUrl"_s);
    m_serverUrl->setPlaceholderText(u"https://class.example.org or http://192.168.1.20:8700"_s);
    m_username->setObjectName(u"serverUsername"_s);
    m_serverPassword->setObjectName(u"serverPassword"_s);
    m_serverPassword->setEchoMode(QLineEdit::Password);
    auto *intro = new QLabel(u"Study your account on a class server with this app: the same decks and cards "
                             "as in the browser, kept on the server."_s,
        page);
    intro->setWordWrap(true);
    auto *form = new QFormLayout(page);
    form->setContentsMargins({});
    form->addRow(intro);
    form->addRow(u"Server &address:"_s, m_serverUrl);
    form->addRow(u"&Username:"_s, m_username);
    form->addRow(u"Pass&word:"_s, m_serverPassword);
    form->addRow(hintLabel(u"Your teacher gives you the address. The password signs you in once and is not "
                           "stored; this computer keeps only the session (in the system keychain when there "
                           "is one). Profile > Sign out ends it."_s,
        page));
    return page;
}

void ProfileDialog::setName(const QString &name)
{
    m_name->setText(name);
}

void ProfileDialog::setRemote(bool remote)
{
    if (m_remote->isChecked() != remote)
        (remote ? m_remote : m_local)->setChecked(true); // comes back here through toggled
    m_forms->setCurrentIndex(remote ? 1 : 0);
    m_create->setText(remote ? u"Sign in"_s : u"Create profile"_s);
    m_status->clear();
    (remote ? m_serverUrl : m_name)->setFocus();
}

bool ProfileDialog::isRemote() const
{
    return m_remote->isChecked();
}

void ProfileDialog::accept()
{
    if (m_busy)
        return;
    if (isRemote())
        signIn();
    else
        createLocal();
}

void ProfileDialog::createLocal()
{
    const QString name = m_name->text().trimmed();
    const QString password = m_password->text();
    if (name.isEmpty()) {
        m_status->setText(u"Give the profile a name."_s);
        return;
    }
    m_busy = true;
    m_create->setEnabled(false);
    m_status->setText(u"Creating…"_s);
    ProfileStore *store = m_store;
    // Password hashing is deliberately slow: off the UI thread.
    m_worker->run(
        this, [store, name, password] { return store->createProfile(name, password); },
        [this](Result<Profile> profile) { finish(profile); });
}

void ProfileDialog::signIn()
{
    const QUrl url = RemoteProfileList::normalizedServerUrl(m_serverUrl->text());
    const QString username = m_username->text().trimmed();
    const QString password = m_serverPassword->text();
    if (url.isEmpty()) {
        m_status->setText(u"The server's address starts with http:// or https://, then its name or IP "
                          "address (and port)."_s);
        return;
    }
    if (username.isEmpty() || password.isEmpty()) {
        m_status->setText(u"Give your username and password on the server."_s);
        return;
    }
    m_busy = true;
    m_create->setEnabled(false);
    m_status->setText(u"Signing in…"_s);
    ProfileStore *store = m_store;
    m_worker->run(
        this, [store, url, username, password] { return store->addRemoteProfile(url, username, password); },
        [this](Result<Profile> profile) {
            finish(profile);
            if (!profile && profile.error().code == ErrorCode::BadCredentials) {
                m_status->setText(u"Wrong username or password."_s); // not just "Wrong password."
                m_serverPassword->selectAll();
                m_serverPassword->setFocus();
            }
        });
}

void ProfileDialog::finish(const Result<Profile> &profile)
{
    m_busy = false;
    m_create->setEnabled(true);
    if (!profile) {
        m_status->setText(errorMessage(profile.error()));
        return;
    }
    m_created = profile.value();
    QDialog::accept();
}

} // namespace javumbo::gui
