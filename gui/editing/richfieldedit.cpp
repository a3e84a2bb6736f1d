#include "richfieldedit.h"

#include "fieldhtml.h"
#include "render/cardhtml.h"

#include <QAction>
#include <QMimeData>
#include <QTextCursor>
#include <QTextList>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

RichFieldEdit::RichFieldEdit(QWidget *parent) : QTextEdit(parent)
{
    setTabChangesFocus(true);
    setAcceptRichText(true);
    m_bold = addFormatAction(u"Bold"_s, QKeySequence::Bold, [this] {
        QTextCharFormat format;
        format.setFontWeight(currentCharFormat().fontWeight() >= QFont::Bold ? QFont::Normal : QFont::Bold);
        mergeCurrentCharFormat(format);
    });
    m_italic = addFormatAction(u"Italic"_s, QKeySequence::Italic, [this] {
        QTextCharFormat format;
        format.setFontItalic(!currentCharFormat().fontItalic());
        mergeCurrentCharFormat(format);
    });
    m_underline = addFormatAction(u"Underline"_s, QKeySequence::Underline, [this] {
        QTextCharFormat format;
        format.setFontUnderline(!currentCharFormat().fontUnderline());
        mergeCurrentCharFormat(format);
    });
    m_bullets = addFormatAction(u"Bulleted list"_s, QKeySequence(u"Ctrl+Shift+8"_s),
        [this] { toggleList(QTextListFormat::ListDisc); });
    m_numbers = addFormatAction(u"Numbered list"_s, QKeySequence(u"Ctrl+Shift+7"_s),
        [this] { toggleList(QTextListFormat::ListDecimal); });
    // Any change of the text counts, also one made through setPlainText() (which clears the document's
    // own modified flag): only setField() loads without modifying.
    connect(this, &QTextEdit::textChanged, this, [this] { m_changed = true; });
    connect(this, &QTextEdit::currentCharFormatChanged, this, &RichFieldEdit::updateActions);
    connect(this, &QTextEdit::cursorPositionChanged, this, &RichFieldEdit::updateActions);
}

QAction *RichFieldEdit::addFormatAction(
    const QString &text, const QKeySequence &key, std::function<void()> apply)
{
    auto *action = new QAction(text, this);
    action->setShortcut(key);
    action->setShortcutContext(Qt::WidgetShortcut); // the focused field only
    action->setCheckable(true);
    connect(action, &QAction::triggered, this, [this, apply = std::move(apply)] {
        apply();
        setFocus();
        updateActions();
    });
    addAction(action);
    return action;
}

void RichFieldEdit::toggleList(int style)
{
    QTextCursor cursor = textCursor();
    cursor.beginEditBlock();
    if (QTextList *list = cursor.currentList(); list && list->format().style() == style) {
        // Out of the list: the block becomes a plain paragraph again.
        list->remove(cursor.block());
        QTextBlockFormat plain = cursor.blockFormat();
        plain.setIndent(0);
        cursor.setBlockFormat(plain);
    } else {
        QTextListFormat format;
        format.setStyle(QTextListFormat::Style(style));
        cursor.createList(format);
    }
    cursor.endEditBlock();
}

void RichFieldEdit::updateActions()
{
    const QTextCharFormat format = currentCharFormat();
    m_bold->setChecked(format.fontWeight() >= QFont::Bold);
    m_italic->setChecked(format.fontItalic());
    m_underline->setChecked(format.fontUnderline());
    const QTextList *list = textCursor().currentList();
    m_bullets->setChecked(list && list->format().style() != QTextListFormat::ListDecimal);
    m_numbers->setChecked(list && list->format().style() == QTextListFormat::ListDecimal);
}

void RichFieldEdit::setField(const QString &field)
{
    m_loaded = field;
    fieldhtml::toDocument(*document(), field);
    document()->setModified(false);
    m_changed = false;
    updateActions();
}

QString RichFieldEdit::field() const
{
    return isModified() ? fieldhtml::fromDocument(*document()) : m_loaded;
}

bool RichFieldEdit::isModified() const
{
    return m_changed || document()->isModified();
}

QSize RichFieldEdit::sizeHint() const
{
    return {300, fontMetrics().lineSpacing() * 4 + 12};
}

QVariant RichFieldEdit::loadResource(int type, const QUrl &name)
{
    return m_resources.load(type, name);
}

void RichFieldEdit::insertFromMimeData(const QMimeData *source)
{
    // Pasted HTML arrives made safe: no remote images, no styles that load things.
    if (source->hasHtml()) {
        QMimeData safe;
        safe.setHtml(cardhtml::safeHtml(source->html()));
        QTextEdit::insertFromMimeData(&safe);
        return;
    }
    QTextEdit::insertFromMimeData(source);
}

} // namespace javumbo::gui
