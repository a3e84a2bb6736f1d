#include "collectionhooks.h"

namespace javumbo::collection {

CollectionHooks::~CollectionHooks() = default;

std::optional<qint64> CollectionHooks::newRowId(qint64) const
{
    return std::nullopt;
}

Result<std::optional<CardRecord>> CollectionHooks::cardBeforeAnswer(UserCollection &, qint64) const
{
    return std::optional<CardRecord> {};
}

int CollectionHooks::revlogRowsPerAnswer() const
{
    return 1;
}

bool CollectionHooks::undoDeletesRevlog() const
{
    return true;
}

bool CollectionHooks::cardLookupKeepsUserFilter() const
{
    return true;
}

const CollectionHooks &CollectionHooks::none()
{
    static const CollectionHooks defaults;
    return defaults;
}

} // namespace javumbo::collection
