#include "mainwindow.h"

#include <QLabel>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setWindowTitle(u"Javumbo"_s);
    auto *label = new QLabel(
        u"Javumbo %1\n\nThe study views arrive with the desktop issue; the core library is in place."_s.arg(
            QStringLiteral(JAVUMBO_VERSION)),
        this);
    label->setAlignment(Qt::AlignCenter);
    label->setMargin(40);
    setCentralWidget(label);
}

} // namespace javumbo::gui
