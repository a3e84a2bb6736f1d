#pragma once

#include <QDialog>

class QComboBox;
class QSpinBox;

namespace javumbo::gui {

// Preferences, as Anki's: the theme (follow the system, light, dark) and
// the size of the cards' text while reviewing. Applied on OK and kept in
// QSettings. Profiles are renamed and deleted from the Profile menu.
class PreferencesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PreferencesDialog(QWidget *parent = nullptr);

    QComboBox *themeChooser() const { return m_theme; }
    QSpinBox *fontSize() const { return m_fontSize; }

public Q_SLOTS:
    void accept() override;

private:
    QComboBox *m_theme;
    QSpinBox *m_fontSize;
};

} // namespace javumbo::gui
