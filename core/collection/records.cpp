#include "records.h"

using namespace Qt::StringLiterals;

namespace javumbo::collection {

QString CardRecord::etag() const
{
    return u"\"%1-%2\""_s.arg(cardId).arg(mod);
}

} // namespace javumbo::collection
