// Prints figures, never pass/fail: speed targets live here, not in unit tests.
#include "hashbench.h"
#include "interopbench.h"
#include "lockbench.h"
#include "metricsbench.h"
#include "sm2bench.h"
#include "storagebench.h"

#include <QCoreApplication>
#include <QSysInfo>
#include <QTextStream>
#include <QThread>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    out << "Javumbo core benchmark (" << QSysInfo::prettyProductName() << ", " << QThread::idealThreadCount()
        << " cores)\n";
    javumbo::benchSm2(out);
    javumbo::benchStorage(out);
    javumbo::benchLocks(out);
    javumbo::benchPasswordHashing(out);
    javumbo::benchMetrics(out);
    javumbo::benchInterop(out);
    return 0;
}
