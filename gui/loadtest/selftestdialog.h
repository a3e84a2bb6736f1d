#pragma once

#include "loadtest/selftest.h"

#include <QDialog>

class QPlainTextEdit;

namespace javumbo::gui {

class LoadTestController;

// The checker's self-test as it runs: one line per finished row, then the
// table and whether every row was right. Deletes itself when closed; the
// self-test goes on without it.
class SelfTestDialog : public QDialog
{
    Q_OBJECT
public:
    // Follows `controller`'s self-test that is about to start, until it finishes.
    explicit SelfTestDialog(LoadTestController *controller, QWidget *parent = nullptr);

private:
    void addRow(const loadtest::SelfTestRow &row, int index, int total);
    void showTable(const QList<loadtest::SelfTestRow> &rows);

    LoadTestController *m_controller;
    QPlainTextEdit *m_text;
};

} // namespace javumbo::gui
