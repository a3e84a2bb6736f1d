// Prints figures, never pass/fail: speed targets live here, not in unit tests.
#include "lockbench.h"
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
    javumbo::benchStorage(out);
    javumbo::benchLocks(out);
    return 0;
}
