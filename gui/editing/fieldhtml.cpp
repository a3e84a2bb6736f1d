#include "fieldhtml.h"

#include "render/cardhtml.h"

#include <QTextBlock>
#include <QTextDocument>
#include <QTextList>

using namespace Qt::StringLiterals;

namespace javumbo::gui::fieldhtml {

namespace {

QString escaped(const QString &text)
{
    QString html = text.toHtmlEscaped();
    // A soft line break (Shift+Enter) inside a block is U+2028 in a QTextDocument.
    html.replace(QChar::LineSeparator, u"<br>"_s);
    return html;
}

QString inlineHtml(const QTextBlock &block)
{
    QString html;
    for (auto it = block.begin(); !it.atEnd(); ++it) {
        const QTextFragment fragment = it.fragment();
        if (!fragment.isValid())
            continue;
        const QTextCharFormat format = fragment.charFormat();
        if (format.isImageFormat()) {
            // One object-replacement character per image in the fragment.
            const QString name = format.toImageFormat().name();
            for (qsizetype i = 0; i < fragment.length(); ++i)
                html += u"<img src=\""_s % name.toHtmlEscaped() % u"\">"_s;
            continue;
        }
        QString text = escaped(fragment.text());
        if (format.fontUnderline())
            text = u"<u>"_s % text % u"</u>"_s;
        if (format.fontItalic())
            text = u"<i>"_s % text % u"</i>"_s;
        if (format.fontWeight() >= QFont::Bold)
            text = u"<b>"_s % text % u"</b>"_s;
        html += text;
    }
    return html;
}

} // namespace

QString fromDocument(const QTextDocument &document)
{
    QString html;
    QTextList *openList = nullptr;
    bool lineBefore = false; // a paragraph was written since the last block element
    auto closeList = [&] {
        if (openList)
            html += openList->format().style() == QTextListFormat::ListDecimal ? u"</ol>"_s : u"</ul>"_s;
        openList = nullptr;
    };
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        QTextList *list = block.textList();
        if (list != openList) {
            closeList();
            if (list) {
                html += list->format().style() == QTextListFormat::ListDecimal ? u"<ol>"_s : u"<ul>"_s;
                lineBefore = false;
            }
            openList = list;
        }
        if (list) {
            html += u"<li>"_s % inlineHtml(block) % u"</li>"_s;
            continue;
        }
        if (lineBefore)
            html += u"<br>"_s;
        html += inlineHtml(block);
        lineBefore = true;
    }
    closeList();
    return html;
}

void toDocument(QTextDocument &document, const QString &field)
{
    if (cardhtml::looksLikeHtml(field))
        document.setHtml(cardhtml::safeHtml(field));
    else
        document.setPlainText(field);
}

} // namespace javumbo::gui::fieldhtml
