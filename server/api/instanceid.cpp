#include "instanceid.h"

#include "transport/requestid.h"

using namespace Qt::StringLiterals;

namespace javumbo::server {

bool isValidInstanceId(const QString &id)
{
    // The rule of X-Request-Id: a header-safe token. toLatin1() turns any other character into '?',
    // which the rule refuses.
    return isValidRequestId(id.toLatin1());
}

} // namespace javumbo::server
