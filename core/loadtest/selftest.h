#pragma once

#include "profile.h"
#include "scratchserver.h"

#include <QStringList>

#include <functional>

namespace javumbo::loadtest {

// The checker's self-test: a short run once clean (must PASS) and once per
// planted fault (each must FAIL with the violation class that fault causes).
struct SelfTestRow
{
    QString fault; // "none" for the clean run
    QString expectedClass; // empty: PASS expected
    QString verdict; // PASS, FAIL, UNKNOWN, or "-" when the run could not start
    QStringList classesFound;
    bool right = false;
    QString error;
};

// The violation class a planted fault must produce; empty for Fault::None.
QString expectedViolationClass(Fault fault);

// Runs every row in turn; `onRow` is told of each finished row (progress).
QList<SelfTestRow> runSelfTest(const LoadProfile &profile, const ScratchServerFactory &startServer,
    const std::function<void(const SelfTestRow &, int index, int total)> &onRow = {});

QString selfTestTable(const QList<SelfTestRow> &rows);
bool allRight(const QList<SelfTestRow> &rows);

} // namespace javumbo::loadtest
