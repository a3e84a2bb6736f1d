#include "shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

ShortcutsDialog::ShortcutsDialog(const QList<Group> &groups, QWidget *parent) : QDialog(parent)
{
    setWindowTitle(u"Keyboard shortcuts"_s);
    auto *tree = new QTreeWidget(this);
    tree->setObjectName(u"shortcutList"_s);
    tree->setColumnCount(2);
    tree->setHeaderLabels({u"Action"_s, u"Keys"_s});
    tree->setRootIsDecorated(false);
    tree->setSelectionMode(QAbstractItemView::NoSelection);
    for (const Group &group : groups) {
        auto *heading = new QTreeWidgetItem(tree, {group.title});
        QFont bold = heading->font(0);
        bold.setBold(true);
        heading->setFont(0, bold);
        heading->setFirstColumnSpanned(true);
        for (QAction *action : group.actions) {
            if (action->shortcuts().isEmpty() || action->text().isEmpty())
                continue;
            QStringList keys;
            for (const QKeySequence &key : action->shortcuts())
                keys.append(key.toString(QKeySequence::NativeText));
            new QTreeWidgetItem(
                tree, {u"    "_s + action->text().remove(u'&').remove(u"…"_s), keys.join(u", "_s)});
        }
    }
    tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    tree->header()->setStretchLastSection(false);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(tree);
    layout->addWidget(buttons);
    resize(520, 560);
}

} // namespace javumbo::gui
