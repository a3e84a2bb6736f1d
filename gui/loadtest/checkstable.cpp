#include "checkstable.h"

#include "dashboardstyle.h"
#include "integrity/checks.h"

#include <QMap>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

ChecksTable::ChecksTable(QWidget *parent) : QTableWidget(parent)
{
    dashboard::setUpTable(this, {u"Check"_s, u"Status"_s, u"Detail"_s});
}

void ChecksTable::reset()
{
    const QStringList names = integrity::checkNames();
    setRowCount(int(names.size()));
    for (int row = 0; row < names.size(); ++row)
        dashboard::setRow(this, row, {names[row], u"pending"_s, QString()});
}

void ChecksTable::draw(
    const QList<integrity::CheckOutcome> &checks, const QList<integrity::Violation> &violations)
{
    // Before the audit: a row turns red as soon as a violation of its class is found.
    QMap<QString, integrity::CheckOutcome> outcomes;
    for (const integrity::CheckOutcome &check : checks)
        outcomes.insert(check.name, check);
    QMap<QString, int> found;
    for (const integrity::Violation &violation : violations)
        ++found[integrity::checkName(integrity::checkFor(violation.violationClass))];
    QStringList names = integrity::checkNames();
    for (const integrity::CheckOutcome &check : checks) {
        if (!names.contains(check.name))
            names.append(check.name);
    }
    setRowCount(int(names.size()));
    for (int row = 0; row < names.size(); ++row) {
        const QString &name = names[row];
        if (outcomes.contains(name)) {
            const integrity::CheckOutcome &check = outcomes[name];
            dashboard::setRow(this, row, {name, integrity::checkStatusName(check.status), check.detail},
                dashboard::colour(dashboard::toneOf(check.status)));
        } else if (found.value(name) > 0) {
            dashboard::setRow(this, row,
                {name, u"fail"_s, u"%1 violation(s) so far"_s.arg(found.value(name))},
                dashboard::colour(dashboard::Tone::Bad));
        } else {
            dashboard::setRow(this, row, {name, u"pending"_s, u"decided by the final audit"_s});
        }
    }
}

QString ChecksTable::status(const QString &check) const
{
    for (int row = 0; row < rowCount(); ++row) {
        if (item(row, 0) && item(row, 0)->text() == check)
            return item(row, 1)->text();
    }
    return {};
}

} // namespace javumbo::gui
