#pragma once

#include <QStringList>

namespace javumbo::app {

// `javumbo serve`: hosts the HTTP API of docs/api.md until SIGINT/SIGTERM.
int runServe(const QStringList &arguments);

} // namespace javumbo::app
