#pragma once

#include <QMainWindow>

namespace javumbo::gui {

// The desktop application's main window.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
};

} // namespace javumbo::gui
