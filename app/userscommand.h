#pragma once

#include <QStringList>

namespace javumbo::app {

// `javumbo users list|add|disable|enable|reset-password|grant-admin|revoke-admin NAME`:
// account administration on a data directory, also while a server runs on it.
int runUsers(const QStringList &arguments);

} // namespace javumbo::app
