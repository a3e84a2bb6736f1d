#include "cardstate.h"

namespace javumbo::scheduling {

namespace {
// `due` above this is a Unix timestamp (2001-09-09), below it a day number.
constexpr qint64 s_timestampDueThreshold = 1000000000;
} // namespace

int queueForType(int type, qint64 due)
{
    switch (type) {
    case TypeNew:
        return QueueNew;
    case TypeReview:
        return QueueReview;
    case TypeLearning:
    case TypeRelearning:
        return due > s_timestampDueThreshold ? QueueLearning : QueueDayLearning;
    }
    // A corrupt type must not surface in any study queue.
    return QueueSuspended;
}

} // namespace javumbo::scheduling
