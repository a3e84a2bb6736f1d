#pragma once

#include <QString>

namespace javumbo::app {

// The one line a command prints when it cannot go on — "javumbo COMMAND:
// MESSAGE" on stderr — and the exit code it returns (1 failed, 2 misused).
int commandFailed(const QString &command, const QString &message, int exitCode = 1);

} // namespace javumbo::app
