#include "cardinfo.h"

#include "cardrows.h"
#include "decktree.h"

using namespace Qt::StringLiterals;

namespace javumbo::collection {

Result<CardInfo> cardInfo(const ReadView &view, qint64 cardId)
{
    auto card = cardrows::loadExisting(*view.db, cardId);
    if (!card)
        return card.error();
    CardInfo info;
    info.card = std::move(card).value();
    info.deckName = DeckTree(view.meta.decks()).name(info.card.deckId);
    info.addedAtMs = info.card.cardId;
    storage::Query query(*view.db,
        u"SELECT id, ease, type, ivl, lastIvl, factor, time FROM revlog WHERE $user() cid = ?"
        " ORDER BY id DESC"_s);
    query.bind(cardId);
    if (auto done = query.exec(); !done)
        return done.error();
    while (query.next()) {
        ReviewEntry entry;
        entry.answeredAtMs = query.int64(0);
        entry.ease = query.int32(1);
        entry.type = query.int32(2);
        entry.interval = query.int64(3);
        entry.lastInterval = query.int64(4);
        entry.factor = query.int32(5);
        entry.timeMs = query.int64(6);
        info.totalTimeMs += entry.timeMs;
        info.reviews.append(entry);
    }
    return info;
}

} // namespace javumbo::collection
