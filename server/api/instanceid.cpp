#include "instanceid.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace javumbo::server {

namespace {
bool isAllowed(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'.'
        || c == u'_' || c == u'-';
}
} // namespace

bool isValidInstanceId(const QString &id)
{
    return !id.isEmpty() && id.size() <= 64 && std::all_of(id.cbegin(), id.cend(), isAllowed);
}

} // namespace javumbo::server
