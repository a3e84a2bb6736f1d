#pragma once

#include "collectionmeta.h"
#include "common/clock.h"
#include "scheduling/daytiming.h"
#include "storage/connection.h"

namespace javumbo::collection {

// The calling thread's connection to a collection file, checked to be schema 11.
Result<storage::Connection *> openCollection(const QString &path);

// What every read of a collection starts from: the calling thread's
// connection, the parsed col row and today's day numbers (docs/scheduling.md §3).
struct ReadView
{
    storage::Connection *db = nullptr;
    CollectionMeta meta;
    scheduling::DayTiming timing;

    static Result<ReadView> open(const QString &path, const Clock &clock);
};

} // namespace javumbo::collection
