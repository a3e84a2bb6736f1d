#include "serversettingsform.h"

#include "bindaddresschoice.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

ServerSettingsForm::ServerSettingsForm(const QString &ownDataDirectory, QWidget *parent)
    : QGroupBox(u"Embedded server"_s, parent)
    , m_bind(new BindAddressChoice(this))
    , m_port(new QSpinBox(this))
    , m_publicUrl(new QLineEdit(this))
    , m_dataDir(new QLineEdit(this))
    , m_chooseDataDir(new QPushButton(u"Choose…"_s, this))
    , m_registration(new QCheckBox(u"Students may create their own accounts"_s, this))
{
    m_port->setObjectName(u"port"_s);
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(u"any free port"_s);
    m_publicUrl->setObjectName(u"publicUrl"_s);
    m_publicUrl->setPlaceholderText(u"optional, e.g. https://flash.school.example"_s);
    m_publicUrl->setToolTip(u"The address students use when a reverse proxy with TLS is in front (nginx, "
                            "README.md): it is the URL shown and copied, and https makes the login cookie "
                            "Secure."_s);
    m_dataDir->setObjectName(u"dataDirectory"_s);
    m_dataDir->setPlaceholderText(ownDataDirectory);
    m_dataDir->setToolTip(u"Empty: this app's own data directory, shared with your own study and its locks. "
                          "Another folder (empty, or a Javumbo data directory) keeps a class apart; it is "
                          "used from the next start."_s);
    m_dataDir->setClearButtonEnabled(true);
    // Not on every keystroke: checking a directory creates it.
    connect(m_dataDir, &QLineEdit::editingFinished, this,
        [this] { Q_EMIT dataDirectoryChanged(m_dataDir->text().trimmed()); });
    m_chooseDataDir->setObjectName(u"chooseDataDirectory"_s);
    connect(m_chooseDataDir, &QPushButton::clicked, this, &ServerSettingsForm::chooseDataDirectory);
    m_registration->setObjectName(u"registrationOpen"_s);
    m_registration->setToolTip(u"Off: the sign-in page offers no registration (403 registration_closed); "
                               "accounts come from Class accounts."_s);

    auto *dataRow = new QHBoxLayout;
    dataRow->addWidget(m_dataDir, 1);
    dataRow->addWidget(m_chooseDataDir);
    auto *form = new QFormLayout(this);
    form->addRow(u"Listen on:"_s, m_bind);
    form->addRow(u"Port:"_s, m_port);
    form->addRow(u"Public URL:"_s, m_publicUrl);
    form->addRow(u"Data directory:"_s, dataRow);
    form->addRow(m_registration);

    QSettings stored;
    ServerSettings settings;
    settings.bindAddress = stored.value(u"server/bind"_s, settings.bindAddress).toString();
    settings.port = quint16(stored.value(u"server/port"_s, settings.port).toInt());
    settings.publicUrl = stored.value(u"server/publicUrl"_s).toString();
    settings.dataDirectory = stored.value(u"server/dataDirectory"_s).toString();
    settings.registrationOpen = stored.value(u"server/registrationOpen"_s, true).toBool();
    setSettings(settings);
}

ServerSettingsForm::~ServerSettingsForm()
{
    const ServerSettings current = settings();
    QSettings stored;
    stored.setValue(u"server/bind"_s, current.bindAddress);
    stored.setValue(u"server/port"_s, current.port);
    stored.setValue(u"server/publicUrl"_s, current.publicUrl);
    stored.setValue(u"server/dataDirectory"_s, current.dataDirectory);
    stored.setValue(u"server/registrationOpen"_s, current.registrationOpen);
}

ServerSettings ServerSettingsForm::settings() const
{
    ServerSettings settings;
    settings.bindAddress = m_bind->address();
    settings.port = quint16(m_port->value());
    settings.publicUrl = m_publicUrl->text().trimmed();
    settings.dataDirectory = m_dataDir->text().trimmed();
    settings.registrationOpen = m_registration->isChecked();
    return settings;
}

void ServerSettingsForm::setSettings(const ServerSettings &settings)
{
    m_bind->setAddress(settings.bindAddress);
    m_port->setValue(settings.port);
    m_publicUrl->setText(settings.publicUrl);
    m_dataDir->setText(settings.dataDirectory);
    m_registration->setChecked(settings.registrationOpen);
}

void ServerSettingsForm::setRunning(bool running)
{
    const QList<QWidget *> fields {m_bind, m_port, m_publicUrl, m_dataDir, m_chooseDataDir, m_registration};
    for (QWidget *field : fields)
        field->setEnabled(!running);
}

void ServerSettingsForm::chooseDataDirectory()
{
    const QString start = m_dataDir->text().isEmpty() ? m_dataDir->placeholderText() : m_dataDir->text();
    const QString chosen = QFileDialog::getExistingDirectory(this, u"Data directory for the server"_s, start);
    if (chosen.isEmpty())
        return;
    m_dataDir->setText(chosen);
    Q_EMIT dataDirectoryChanged(chosen);
}

} // namespace javumbo::gui
