#include "cardtablemodel.h"

#include "collection/notefields.h"
#include "intervalformat.h"
#include "render/cardhtml.h"

#include <QColor>
#include <QFont>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

namespace {

QString plainText(const QString &field)
{
    if (!cardhtml::looksLikeHtml(field))
        return field;
    // Line-ending tags become line breaks first: the table shows the first line, not lines run together.
    static const QRegularExpression lineEnds(u"<br\\s*/?>|<hr[^>]*>|</?(div|p|li|ul|ol|h[1-6])(\\s[^>]*)?>"_s,
        QRegularExpression::CaseInsensitiveOption);
    return collection::notefields::stripHtml(QString(field).replace(lineEnds, u"\n"_s));
}

// Table cells show one line of text, as Anki's browser does: HTML stripped; the editor shows the whole field.
QString firstLine(const QString &field)
{
    QString line;
    for (const QString &text : plainText(field).split(u'\n')) {
        if (line = text.simplified(); !line.isEmpty())
            break; // the first line with text: "<div>one</div>" starts with a break
    }
    return line.size() > 80 ? line.left(79) + u"…"_s : line;
}

// Anki's flag colours, light enough to read text on in either theme's table.
QColor flagColour(int flag)
{
    static const QColor colours[]
        = {{}, {255, 120, 120, 90}, {255, 170, 80, 90}, {110, 200, 110, 90}, {110, 160, 255, 90}};
    return flag >= 1 && flag <= 4 ? colours[flag] : QColor();
}

} // namespace

CardTableModel::CardTableModel(QObject *parent) : QAbstractTableModel(parent) { }

void CardTableModel::setCards(
    const QList<collection::CardRecord> &cards, const QHash<qint64, QString> &deckNames)
{
    beginResetModel();
    m_cards = cards;
    m_deckNames = deckNames;
    endResetModel();
}

bool CardTableModel::updateCard(const collection::CardRecord &card)
{
    const int row = rowOf(card.cardId);
    if (row < 0)
        return false;
    m_cards[row] = card;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    return true;
}

void CardTableModel::removeCard(qint64 cardId)
{
    const int row = rowOf(cardId);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_cards.removeAt(row);
    endRemoveRows();
}

const collection::CardRecord *CardTableModel::card(int row) const
{
    return row >= 0 && row < m_cards.size() ? &m_cards.at(row) : nullptr;
}

int CardTableModel::rowOf(qint64 cardId) const
{
    for (int row = 0; row < m_cards.size(); ++row) {
        if (m_cards.at(row).cardId == cardId)
            return row;
    }
    return -1;
}

QString CardTableModel::stateName(const scheduling::CardState &state)
{
    if (state.queue == -1)
        return u"Suspended"_s;
    if (state.queue < -1)
        return u"Buried"_s;
    switch (state.type) {
    case 0:
        return u"New"_s;
    case 1:
        return u"Learning"_s;
    case 3:
        return u"Relearning"_s;
    default:
        return u"Review"_s;
    }
}

int CardTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_cards.size());
}

int CardTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CardTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_cards.size())
        return {};
    const collection::CardRecord &card = m_cards.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(card, index.column());
    case Qt::ToolTipRole:
        if (index.column() != FrontColumn && index.column() != BackColumn)
            return {};
        // Text only (a tooltip would resolve an image against the working directory), escaped so Qt never
        // reads it as markup.
        return u"<p>%1</p>"_s.arg(plainText(index.column() == FrontColumn ? card.front : card.back)
                                      .toHtmlEscaped()
                                      .replace(u'\n', u"<br>"_s));
    case SortRole:
        return sortValue(card, index.column());
    case CardIdRole:
        return card.cardId;
    case Qt::FontRole:
        if (card.state.queue == -1) { // suspended cards read as set aside, like Anki's
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case Qt::BackgroundRole:
        return card.flags ? QVariant(flagColour(card.flags)) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() >= IntervalColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    default:
        return {};
    }
}

QVariant CardTableModel::display(const collection::CardRecord &card, int column) const
{
    switch (column) {
    case FrontColumn:
        return firstLine(card.front);
    case BackColumn:
        return firstLine(card.back);
    case DeckColumn:
        return m_deckNames.value(card.deckId, QString::number(card.deckId));
    case TagsColumn:
        return card.tags.join(u' ');
    case StateColumn:
        return stateName(card.state);
    case IntervalColumn:
        return card.state.type == 2 ? formatInterval(qint64(card.state.ivl) * 86400) : u"–"_s;
    case EaseColumn:
        return card.state.type == 0 ? u"–"_s : u"%1%"_s.arg(card.state.factor / 10);
    case RepsColumn:
        return card.state.reps;
    case LapsesColumn:
        return card.state.lapses;
    default:
        return {};
    }
}

QVariant CardTableModel::sortValue(const collection::CardRecord &card, int column) const
{
    switch (column) {
    case FrontColumn:
        return firstLine(card.front).toCaseFolded();
    case BackColumn:
        return firstLine(card.back).toCaseFolded();
    case DeckColumn:
        return m_deckNames.value(card.deckId).toCaseFolded();
    case TagsColumn:
        return card.tags.join(u' ').toCaseFolded();
    case StateColumn:
        return card.state.queue == -1 ? 10 : card.state.type;
    case IntervalColumn:
        return card.state.ivl;
    case EaseColumn:
        return card.state.factor;
    case RepsColumn:
        return card.state.reps;
    case LapsesColumn:
        return card.state.lapses;
    default:
        return {};
    }
}

QVariant CardTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const QStringList headers = {u"Front"_s, u"Back"_s, u"Deck"_s, u"Tags"_s, u"State"_s,
        u"Interval"_s, u"Ease"_s, u"Reviews"_s, u"Lapses"_s};
    return headers.value(section);
}

} // namespace javumbo::gui
