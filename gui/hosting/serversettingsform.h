#pragma once

#include "serverhost.h"

#include <QGroupBox>

class QCheckBox;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace javumbo::gui {

class BindAddressChoice;

// The embedded server's settings as the teacher sets them: where it listens
// (BindAddressChoice), the port, the public URL behind a proxy, the data
// directory (the app's own unless another is chosen) and whether students
// may register themselves. Remembered in QSettings; the next start uses them.
class ServerSettingsForm : public QGroupBox
{
    Q_OBJECT
public:
    ServerSettingsForm(const QString &ownDataDirectory, QWidget *parent = nullptr);
    ~ServerSettingsForm() override;

    ServerSettings settings() const;
    void setSettings(const ServerSettings &settings);
    // While the server runs its settings are what it was started with.
    void setRunning(bool running);

Q_SIGNALS:
    // The data directory field changed (the class accounts follow it).
    void dataDirectoryChanged(const QString &directory);

private:
    void chooseDataDirectory();

    BindAddressChoice *m_bind;
    QSpinBox *m_port;
    QLineEdit *m_publicUrl;
    QLineEdit *m_dataDir;
    QPushButton *m_chooseDataDir;
    QCheckBox *m_registration;
};

} // namespace javumbo::gui
