#include "testsupport.h"

#include <QStandardPaths>

namespace javumbo::testsupport {

void enterTestMode()
{
    QStandardPaths::setTestModeEnabled(true);
}

} // namespace javumbo::testsupport
