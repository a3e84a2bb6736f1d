#include "passworddialog.h"

#include "client/clientworker.h"
#include "client/errormessages.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

PasswordDialog::PasswordDialog(
    ProfileStore *store, ClientWorker *worker, const Profile &profile, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_worker(worker)
    , m_profile(profile)
    , m_password(new QLineEdit(this))
    , m_status(new QLabel(this))
{
    setObjectName(u"passwordDialog"_s);
    const bool remote = profile.isRemote();
    setWindowTitle(remote ? u"Sign in"_s : u"Open profile"_s);
    m_password->setObjectName(u"unlockPassword"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_status->setObjectName(u"unlockStatus"_s);
    m_status->setWordWrap(true);
    auto *intro = new QLabel(remote ? u"Sign in to %1 as %2 to open “%3”."_s.arg(
                                 profile.serverUrl.toString(), profile.username, profile.name)
                                    : u"The profile “%1” has a password."_s.arg(profile.name),
        this);
    intro->setTextFormat(Qt::PlainText);
    intro->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_open = buttons->addButton(remote ? u"Sign in"_s : u"Open"_s, QDialogButtonBox::AcceptRole);
    m_open->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &PasswordDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *form = new QFormLayout(this);
    form->addRow(intro);
    form->addRow(u"&Password:"_s, m_password);
    form->addRow(m_status);
    form->addRow(buttons);
    m_password->setFocus();
}

void PasswordDialog::setPassword(const QString &password)
{
    m_password->setText(password);
}

void PasswordDialog::accept()
{
    if (m_checking)
        return;
    m_checking = true;
    m_open->setEnabled(false);
    m_status->setText(u"Checking…"_s);
    ProfileStore *store = m_store;
    m_worker->run(
        this,
        [store, profile = m_profile, password = m_password->text()]() -> Result<QString> {
            if (profile.isRemote())
                return store->signIn(profile, password);
            if (auto checked = store->checkPassword(profile, password); !checked)
                return checked.error();
            return QString();
        },
        [this](Result<QString> checked) {
            m_checking = false;
            m_open->setEnabled(true);
            if (!checked) {
                m_status->setText(errorMessage(checked.error()));
                m_password->selectAll();
                m_password->setFocus();
                return;
            }
            m_token = checked.value();
            QDialog::accept();
        });
}

} // namespace javumbo::gui
