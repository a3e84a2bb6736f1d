#include "cardview.h"

#include "cardhtml.h"

#include <QScrollBar>
#include <QTextOption>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

CardView::CardView(QWidget *parent) : QTextBrowser(parent)
{
    setOpenLinks(false);
    setOpenExternalLinks(false);
    setFrameShape(QFrame::NoFrame);
    setFocusPolicy(Qt::NoFocus); // keys belong to the reviewer (Space, 1–4)
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    QTextOption centred = document()->defaultTextOption();
    centred.setAlignment(Qt::AlignHCenter);
    document()->setDefaultTextOption(centred);
    document()->setDocumentMargin(16);
    viewport()->setAutoFillBackground(false);
}

void CardView::setMediaDirectory(const QString &directory)
{
    m_resources.setDirectory(directory);
}

void CardView::setCardFontSize(int points)
{
    QFont font = document()->defaultFont();
    font.setPointSize(points);
    document()->setDefaultFont(font);
}

void CardView::showCard(const QString &front, const QString &back, bool answerShown)
{
    m_resources.setMaximumWidth(std::max(64, viewport()->width() - 40));
    setHtml(cardhtml::cardHtml(front, back, answerShown));
    if (answerShown)
        scrollToAnchor(u"answer"_s);
    else
        verticalScrollBar()->setValue(0);
}

void CardView::showMessage(const QString &text)
{
    setHtml(cardhtml::safeHtml(text));
}

QSize CardView::sizeHint() const
{
    return {400, 200}; // never the content's size: a long card scrolls, the window stays
}

QSize CardView::minimumSizeHint() const
{
    return {120, 60};
}

QVariant CardView::loadResource(int type, const QUrl &name)
{
    return m_resources.load(type, name);
}

} // namespace javumbo::gui
