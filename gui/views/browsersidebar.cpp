#include "browsersidebar.h"

#include <QHeaderView>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

namespace {

constexpr int kSearchRole = Qt::UserRole + 1;

QString quoted(const QString &value)
{
    return value.contains(u' ') ? u'"' + value + u'"' : value;
}

} // namespace

BrowserSidebar::BrowserSidebar(QWidget *parent) : QTreeWidget(parent)
{
    setObjectName(u"browserSidebar"_s);
    setHeaderHidden(true);
    setColumnCount(1);
    setRootIsDecorated(true);
    setUniformRowHeights(true);
    header()->setSectionResizeMode(QHeaderView::Stretch);
    QTreeWidgetItem *today = section(u"Today"_s);
    const std::pair<QString, QString> saved[] = {{u"Whole collection"_s, QString()}, {u"Due"_s, u"is:due"_s},
        {u"New"_s, u"is:new"_s}, {u"Learning"_s, u"is:learn"_s}, {u"Suspended"_s, u"is:suspended"_s},
        {u"Buried"_s, u"is:buried"_s}};
    for (const auto &[title, search] : saved) {
        auto *item = new QTreeWidgetItem(today, {title});
        item->setData(0, kSearchRole, search);
    }
    m_decks = section(u"Decks"_s);
    m_tags = section(u"Tags"_s);
    expandItem(today);
    connect(this, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item) {
        const QVariant search = item->data(0, kSearchRole);
        if (search.isValid())
            Q_EMIT searchRequested(search.toString());
    });
    connect(this, &QTreeWidget::itemActivated, this, &QTreeWidget::itemClicked);
}

QTreeWidgetItem *BrowserSidebar::section(const QString &title)
{
    auto *item = new QTreeWidgetItem(this, {title});
    QFont bold = item->font(0);
    bold.setBold(true);
    item->setFont(0, bold);
    item->setFlags(Qt::ItemIsEnabled);
    return item;
}

void BrowserSidebar::setContents(const QStringList &deckNames, const QStringList &tags)
{
    qDeleteAll(m_decks->takeChildren());
    qDeleteAll(m_tags->takeChildren());
    QHash<QString, QTreeWidgetItem *> byName;
    for (const QString &name : deckNames) { // sorted by name: parents come before their children
        const qsizetype split = name.lastIndexOf(u"::"_s);
        QTreeWidgetItem *parent = split > 0 ? byName.value(name.left(split), m_decks) : m_decks;
        auto *item = new QTreeWidgetItem(parent, {split > 0 ? name.mid(split + 2) : name});
        item->setData(0, kSearchRole, QString(u"deck:"_s + quoted(name)));
        item->setToolTip(0, name);
        byName.insert(name, item);
    }
    for (const QString &tag : tags) {
        auto *item = new QTreeWidgetItem(m_tags, {tag});
        item->setData(0, kSearchRole, QString(u"tag:"_s + tag));
    }
    expandItem(m_decks);
    expandItem(m_tags);
}

QTreeWidgetItem *BrowserSidebar::itemForSearch(const QString &search) const
{
    for (QTreeWidgetItemIterator it(const_cast<BrowserSidebar *>(this)); *it; ++it) {
        if ((*it)->data(0, kSearchRole).toString() == search && (*it)->data(0, kSearchRole).isValid())
            return *it;
    }
    return nullptr;
}

QSize BrowserSidebar::sizeHint() const
{
    return {150, 200};
}

} // namespace javumbo::gui
