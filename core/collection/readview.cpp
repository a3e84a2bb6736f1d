#include "readview.h"

#include "storage/collectionschema.h"
#include "storage/database.h"

namespace javumbo::collection {

Result<storage::Connection *> openCollection(const QString &path)
{
    return storage::Database::open(path, storage::OpenMode::ReadWrite, &storage::collectionschema::verify);
}

Result<ReadView> ReadView::open(const QString &path, const Clock &clock)
{
    auto db = openCollection(path);
    if (!db)
        return db.error();
    auto meta = CollectionMeta::load(*db.value());
    if (!meta)
        return meta.error();
    const qint64 now = clock.nowSeconds();
    const scheduling::DayTiming timing = meta->timing(now, clock.utcOffsetMinutesWest(now));
    return ReadView {db.value(), std::move(meta).value(), timing};
}

} // namespace javumbo::collection
