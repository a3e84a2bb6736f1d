#include "selftestdialog.h"

#include "loadtestcontroller.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

SelfTestDialog::SelfTestDialog(LoadTestController *controller, QWidget *parent)
    : QDialog(parent), m_controller(controller), m_text(new QPlainTextEdit(this))
{
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(u"Checker self-test"_s);
    m_text->setObjectName(u"selfTestTable"_s);
    m_text->setReadOnly(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setPlainText(u"A short run on a correct scratch server (must PASS), then one per planted fault "
                         "(each must FAIL with the violation it causes)…\n"_s);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_text);
    layout->addWidget(close);
    resize(880, 360);

    // Owned by this dialog: closing it early ends them; the end of the self-test too.
    connect(controller, &LoadTestController::selfTestRowFinished, this, &SelfTestDialog::addRow);
    connect(controller, &LoadTestController::selfTestFinished, this, &SelfTestDialog::showTable);
}

void SelfTestDialog::addRow(const loadtest::SelfTestRow &row, int index, int total)
{
    m_text->appendPlainText(u"%1/%2 %3: %4 (%5)"_s.arg(index).arg(total).arg(
        row.fault, row.verdict, row.right ? u"right"_s : u"WRONG"_s));
}

void SelfTestDialog::showTable(const QList<loadtest::SelfTestRow> &rows)
{
    // A later self-test gets a dialog of its own.
    disconnect(m_controller, nullptr, this, nullptr);
    m_text->setPlainText(loadtest::selfTestTable(rows) + u'\n'
        + (loadtest::allRight(rows) ? u"Every row right: the checker catches what it claims."_s
                                    : u"SELF-TEST FAILED: a row is wrong."_s));
}

} // namespace javumbo::gui
