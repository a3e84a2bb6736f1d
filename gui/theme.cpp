#include "theme.h"

#include <QApplication>
#include <QPalette>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

#include <optional>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

namespace {

const QString kThemeKey = u"ui/theme"_s;

// What the platform gave the app before any theme was applied, for "follow the system".
struct Original
{
    QString style;
    QPalette palette;
};

const Original &original()
{
    static const Original value {QApplication::style()->name(), QApplication::palette()};
    return value;
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(45, 45, 48), base(30, 30, 32), text(230, 230, 230), disabled(130, 130, 130);
    const QColor highlight(64, 128, 214);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(40, 40, 43));
    p.setColor(QPalette::ToolTipBase, QColor(70, 62, 30));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(150, 150, 150));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(55, 55, 58));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Light, QColor(75, 75, 78));
    p.setColor(QPalette::Midlight, QColor(62, 62, 65));
    p.setColor(QPalette::Mid, QColor(90, 90, 94));
    p.setColor(QPalette::Dark, QColor(25, 25, 27));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(110, 170, 255));
    p.setColor(QPalette::LinkVisited, QColor(170, 140, 255));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    return p;
}

} // namespace

Theme savedTheme()
{
    const QString name = QSettings().value(kThemeKey).toString();
    return name == u"dark"_s ? Theme::Dark : name == u"light"_s ? Theme::Light : Theme::System;
}

void saveTheme(Theme theme)
{
    QSettings().setValue(kThemeKey,
        theme == Theme::Dark        ? u"dark"_s
            : theme == Theme::Light ? u"light"_s
                                    : u"system"_s);
}

QString themeName(Theme theme)
{
    switch (theme) {
    case Theme::Light:
        return u"Light"_s;
    case Theme::Dark:
        return u"Dark"_s;
    case Theme::System:
        break;
    }
    return u"Follow the system"_s;
}

void applyTheme(Theme theme)
{
    static bool changed = false; // until a theme is applied, the system's is in place already
    const Original &start = original(); // remembered before the first change
    if (theme == Theme::System && !changed)
        return;
    changed = true;
    if (theme == Theme::System) {
        QApplication::setStyle(QStyleFactory::create(start.style));
        QApplication::setPalette(start.palette);
        return;
    }
    QStyle *fusion = QStyleFactory::create(u"Fusion"_s);
    const QPalette palette = theme == Theme::Dark ? darkPalette() : fusion->standardPalette();
    QApplication::setStyle(fusion);
    QApplication::setPalette(palette);
}

} // namespace javumbo::gui
