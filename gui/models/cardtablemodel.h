#pragma once

#include "collection/records.h"

#include <QAbstractTableModel>
#include <QHash>

namespace javumbo::gui {

// The browser's rows: one card each. SortRole gives raw values (numbers sort
// as numbers) for the QSortFilterProxyModel in front of it.
class CardTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        FrontColumn,
        BackColumn,
        DeckColumn,
        TagsColumn,
        StateColumn,
        IntervalColumn,
        EaseColumn,
        RepsColumn,
        LapsesColumn,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole + 1;
    static constexpr int CardIdRole = Qt::UserRole + 2;

    explicit CardTableModel(QObject *parent = nullptr);

    void setCards(const QList<collection::CardRecord> &cards, const QHash<qint64, QString> &deckNames);
    // Replaces one row after an edit, suspend or reload; false if the card is not shown.
    bool updateCard(const collection::CardRecord &card);
    void removeCard(qint64 cardId);
    const collection::CardRecord *card(int row) const;
    int rowOf(qint64 cardId) const;

    static QString stateName(const scheduling::CardState &state);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QVariant display(const collection::CardRecord &card, int column) const;
    QVariant sortValue(const collection::CardRecord &card, int column) const;

    QList<collection::CardRecord> m_cards;
    QHash<qint64, QString> m_deckNames;
};

} // namespace javumbo::gui
