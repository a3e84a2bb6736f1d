#include "dashboardstyle.h"

#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>

using namespace Qt::StringLiterals;

namespace javumbo::gui::dashboard {

QColor colour(Tone tone)
{
    switch (tone) {
    case Tone::Good:
        return QColor(0x2e, 0x9d, 0x4f);
    case Tone::Bad:
        return QColor(0xd3, 0x2f, 0x2f);
    case Tone::Unsure:
        return QColor(0xc7, 0x8a, 0x00);
    }
    return {};
}

Tone toneOf(integrity::Verdict verdict)
{
    switch (verdict) {
    case integrity::Verdict::Pass:
        return Tone::Good;
    case integrity::Verdict::Fail:
        return Tone::Bad;
    case integrity::Verdict::Unknown:
        return Tone::Unsure;
    }
    return Tone::Unsure;
}

Tone toneOf(integrity::CheckStatus status)
{
    switch (status) {
    case integrity::CheckStatus::Pass:
        return Tone::Good;
    case integrity::CheckStatus::Fail:
        return Tone::Bad;
    case integrity::CheckStatus::Unknown:
        return Tone::Unsure;
    }
    return Tone::Unsure;
}

void paint(QLabel *label, const QColor &colour)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, colour);
    label->setPalette(palette);
}

void enlarge(QLabel *label, double factor)
{
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * factor);
    font.setBold(true);
    label->setFont(font);
}

QLabel *bigNumber(QGridLayout *grid, int column, const QString &caption, int row)
{
    auto *value = new QLabel(u"–"_s);
    enlarge(value, 2.2);
    value->setAlignment(Qt::AlignCenter);
    auto *label = new QLabel(caption);
    label->setAlignment(Qt::AlignCenter);
    grid->addWidget(value, row, column);
    grid->addWidget(label, row + 1, column);
    return value;
}

void setUpTable(QTableWidget *table, const QStringList &headers)
{
    table->setColumnCount(int(headers.size()));
    table->setHorizontalHeaderLabels(headers);
    table->horizontalHeader()->setStretchLastSection(true);
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setWordWrap(false);
}

void setRow(QTableWidget *table, int row, const QStringList &cells, const QColor &colour)
{
    for (int column = 0; column < cells.size(); ++column) {
        auto *item = new QTableWidgetItem(cells[column]);
        if (colour.isValid())
            item->setForeground(colour);
        table->setItem(row, column, item);
    }
}

} // namespace javumbo::gui::dashboard
