#pragma once

#include "integrity/integrityreport.h"

#include <QColor>
#include <QStringList>

class QGridLayout;
class QLabel;
class QTableWidget;

// The load-test dashboard's few visual conventions, shared by its parts.
namespace javumbo::gui::dashboard {

// Green, red and amber that read on light and dark palettes alike; everything
// else follows the palette.
enum class Tone
{
    Good,
    Bad,
    Unsure,
};
QColor colour(Tone tone);
Tone toneOf(integrity::Verdict verdict); // PASS good, FAIL bad, UNKNOWN unsure
Tone toneOf(integrity::CheckStatus status); // the same for one check

void paint(QLabel *label, const QColor &colour);
// Bold, `factor` times the label's font size: the figures and the verdict.
void enlarge(QLabel *label, double factor);
// A large figure ("–" until drawn) above its caption, at `column` of `grid`.
QLabel *bigNumber(QGridLayout *grid, int column, const QString &caption, int row = 0);
// Read-only, whole-row selection, the last column stretched.
void setUpTable(QTableWidget *table, const QStringList &headers);
void setRow(QTableWidget *table, int row, const QStringList &cells, const QColor &colour = {});

} // namespace javumbo::gui::dashboard
