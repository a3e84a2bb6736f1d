#pragma once

#include <QTreeWidget>

namespace javumbo::gui {

// The browser's sidebar, as Anki's: saved searches for today's work, the
// deck tree and the tags in use. Choosing an entry asks for its search.
class BrowserSidebar : public QTreeWidget
{
    Q_OBJECT
public:
    explicit BrowserSidebar(QWidget *parent = nullptr);

    // Deck names with "::" for children; tags as stored.
    void setContents(const QStringList &deckNames, const QStringList &tags);
    // The entry whose search this is, if any (tests and the screenshot tour).
    QTreeWidgetItem *itemForSearch(const QString &search) const;

    QSize sizeHint() const override;

Q_SIGNALS:
    void searchRequested(const QString &search);

private:
    QTreeWidgetItem *section(const QString &title);
    QTreeWidgetItem *m_decks;
    QTreeWidgetItem *m_tags;
};

} // namespace javumbo::gui
