#include "preferencesdialog.h"

#include "theme.h"
#include "views/reviewtext.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QSettings>
#include <QSpinBox>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

PreferencesDialog::PreferencesDialog(QWidget *parent)
    : QDialog(parent), m_theme(new QComboBox(this)), m_fontSize(new QSpinBox(this))
{
    setObjectName(u"preferences"_s);
    setWindowTitle(u"Preferences"_s);
    m_theme->setObjectName(u"theme"_s);
    for (Theme theme : {Theme::System, Theme::Light, Theme::Dark})
        m_theme->addItem(themeName(theme), int(theme));
    m_theme->setCurrentIndex(m_theme->findData(int(savedTheme())));
    m_fontSize->setObjectName(u"cardFontSize"_s);
    m_fontSize->setRange(8, 72);
    m_fontSize->setSuffix(u" pt"_s);
    m_fontSize->setValue(QSettings().value(u"review/fontSize"_s, reviewtext::kDefaultFontSize).toInt());

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &PreferencesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *form = new QFormLayout(this);
    form->addRow(u"&Theme:"_s, m_theme);
    form->addRow(u"Card &font size:"_s, m_fontSize);
    form->addRow(buttons);
}

void PreferencesDialog::accept()
{
    const auto theme = Theme(m_theme->currentData().toInt());
    saveTheme(theme);
    applyTheme(theme);
    QSettings().setValue(u"review/fontSize"_s, m_fontSize->value());
    QDialog::accept();
}

} // namespace javumbo::gui
