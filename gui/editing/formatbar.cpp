#include "formatbar.h"

#include "richfieldedit.h"

#include <QAction>
#include <QApplication>
#include <QHBoxLayout>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

FormatBar::FormatBar(const QList<RichFieldEdit *> &fields, QWidget *parent)
    : QWidget(parent), m_fields(fields)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    const QString labels[] = {u"B"_s, u"I"_s, u"U"_s, u"•"_s, u"1."_s};
    const QList<QAction *> prototype = fields.value(0)->formatActions();
    for (int i = 0; i < prototype.size(); ++i) {
        auto *button = new QToolButton(this);
        button->setObjectName(u"format%1"_s.arg(i));
        button->setText(labels[i]);
        button->setToolTip(u"%1 (%2)"_s.arg(
            prototype.at(i)->text(), prototype.at(i)->shortcut().toString(QKeySequence::NativeText)));
        button->setFocusPolicy(Qt::NoFocus); // the field keeps the focus and its selection
        button->setAutoRaise(true);
        QFont font = button->font();
        font.setBold(i == 0);
        font.setItalic(i == 1);
        font.setUnderline(i == 2);
        button->setFont(font);
        connect(button, &QToolButton::clicked, this, [this, i] {
            if (RichFieldEdit *field = target())
                field->formatActions().at(i)->trigger();
        });
        layout->addWidget(button);
    }
    layout->addStretch();
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget *, QWidget *now) {
        for (RichFieldEdit *field : std::as_const(m_fields)) {
            if (field == now)
                m_last = field;
        }
    });
}

RichFieldEdit *FormatBar::target() const
{
    return m_last ? m_last.data() : m_fields.value(0);
}

} // namespace javumbo::gui
