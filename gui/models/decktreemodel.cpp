#include "decktreemodel.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

DeckTreeModel::DeckTreeModel(QObject *parent) : QStandardItemModel(parent)
{
    setHorizontalHeaderLabels({u"Deck"_s, u"New"_s, u"Learn"_s, u"Due"_s});
}

void DeckTreeModel::setDecks(const QList<collection::DeckSummary> &decks)
{
    removeRows(0, rowCount());
    // Decks arrive sorted by name, so a parent always comes before its children.
    QHash<QString, QStandardItem *> byName;
    for (const collection::DeckSummary &deck : decks) {
        const qsizetype split = deck.name.lastIndexOf(u"::"_s);
        const QString parentName = split < 0 ? QString() : deck.name.left(split);
        const QString shortName = split < 0 ? deck.name : deck.name.mid(split + 2);
        auto *name = new QStandardItem(shortName);
        name->setData(deck.id, DeckIdRole);
        name->setData(deck.name, FullNameRole);
        name->setToolTip(u"%1 — %2 cards"_s.arg(deck.name).arg(deck.cardCount));
        QList<QStandardItem *> row {name};
        for (int count : {deck.newCount, deck.learningCount, deck.dueCount}) {
            auto *item = new QStandardItem(count ? QString::number(count) : u"–"_s);
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            item->setData(deck.id, DeckIdRole);
            row.append(item);
        }
        for (QStandardItem *item : row)
            item->setEditable(false);
        QStandardItem *parent = byName.value(parentName, invisibleRootItem());
        parent->appendRow(row);
        byName.insert(deck.name, name);
    }
}

QModelIndex DeckTreeModel::indexOfDeck(qint64 deckId) const
{
    const QModelIndexList found
        = match(index(0, 0), DeckIdRole, deckId, 1, Qt::MatchExactly | Qt::MatchRecursive);
    return found.isEmpty() ? QModelIndex() : found.first();
}

} // namespace javumbo::gui
