#pragma once

#include <QList>
#include <QPointer>
#include <QWidget>

namespace javumbo::gui {

class RichFieldEdit;

// One row of formatting buttons (B, I, U, bullets, numbers) for several
// fields: a button acts on the field that has (or last had) the focus.
class FormatBar : public QWidget
{
    Q_OBJECT
public:
    FormatBar(const QList<RichFieldEdit *> &fields, QWidget *parent = nullptr);

private:
    RichFieldEdit *target() const;

    QList<RichFieldEdit *> m_fields;
    QPointer<RichFieldEdit> m_last;
};

} // namespace javumbo::gui
