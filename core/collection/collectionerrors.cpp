#include "collectionerrors.h"

using namespace Qt::StringLiterals;

namespace javumbo::collection {

Error cardNotFound(qint64 cardId)
{
    return makeError(ErrorCode::CardNotFound, u"card %1 not found"_s.arg(cardId));
}

Error deckNotFound(qint64 deckId)
{
    return makeError(ErrorCode::DeckNotFound, u"deck %1 not found"_s.arg(deckId));
}

Error presetNotFound(qint64 presetId)
{
    return makeError(ErrorCode::PresetNotFound, u"there is no options preset %1"_s.arg(presetId));
}

} // namespace javumbo::collection
