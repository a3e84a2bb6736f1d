#pragma once

#include "collection/records.h"

#include <QStandardItemModel>

namespace javumbo::gui {

// Decks as a tree: "Spanish::Verbs" is a child of "Spanish". Column 0 holds
// the deck id in DeckIdRole and the full name in FullNameRole.
class DeckTreeModel : public QStandardItemModel
{
    Q_OBJECT
public:
    enum Role
    {
        DeckIdRole = Qt::UserRole + 1,
        FullNameRole,
    };
    enum Column
    {
        NameColumn,
        NewColumn,
        LearningColumn,
        DueColumn,
        ColumnCount
    };

    explicit DeckTreeModel(QObject *parent = nullptr);
    void setDecks(const QList<collection::DeckSummary> &decks);
    QModelIndex indexOfDeck(qint64 deckId) const;
};

} // namespace javumbo::gui
