#pragma once

#include <QString>

namespace javumbo::testsupport {

// Puts QStandardPaths in test mode so no test touches a real user's files.
void enterTestMode();

} // namespace javumbo::testsupport
