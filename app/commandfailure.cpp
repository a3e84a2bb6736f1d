#include "commandfailure.h"

#include <QTextStream>

namespace javumbo::app {

int commandFailed(const QString &command, const QString &message, int exitCode)
{
    QTextStream(stderr) << "javumbo " << command << ": " << message << '\n';
    return exitCode;
}

} // namespace javumbo::app
