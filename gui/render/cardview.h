#pragma once

#include "mediaresources.h"

#include <QTextBrowser>

namespace javumbo::gui {

// Shows a card's HTML as Anki does (bold, lists, images from the media
// folder), inert: no scripts (QTextDocument runs none), no links followed, no
// remote loads (cardhtml::safeHtml strips them, MediaResources refuses what
// is left). Scrolls when the card is long, so its size never depends on the
// card (the window never grows with an answer).
class CardView : public QTextBrowser
{
    Q_OBJECT
public:
    explicit CardView(QWidget *parent = nullptr);

    void setMediaDirectory(const QString &directory);
    // The card in the given point size (Preferences: card font size), centred as Anki's default style.
    void showCard(const QString &front, const QString &back, bool answerShown);
    void showMessage(const QString &text);
    void setCardFontSize(int points);
    const MediaResources &resources() const { return m_resources; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    QVariant loadResource(int type, const QUrl &name) override;

private:
    MediaResources m_resources;
};

} // namespace javumbo::gui
