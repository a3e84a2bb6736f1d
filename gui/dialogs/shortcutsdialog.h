#pragma once

#include <QDialog>
#include <QList>

class QAction;

namespace javumbo::gui {

// Help (F1): every keyboard shortcut, read from the actions themselves so
// the list can never drift from what the keys do.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    struct Group
    {
        QString title;
        QList<QAction *> actions;
    };
    explicit ShortcutsDialog(const QList<Group> &groups, QWidget *parent = nullptr);
};

} // namespace javumbo::gui
