#include "cardjson.h"

#include "jsonfields.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace javumbo::gui::cardjson {

Result<collection::CardRecord> read(const QJsonObject &json)
{
    JsonFields fields(json, u"card"_s);
    collection::CardRecord card;
    card.cardId = fields.integer(u"card_id");
    card.noteId = fields.integer(u"note_id");
    card.deckId = fields.integer(u"deck_id");
    card.front = fields.string(u"front");
    card.back = fields.string(u"back");
    card.tags = fields.strings(u"tags");
    card.state.id = card.cardId;
    card.state.type = int(fields.integer(u"type"));
    card.state.queue = int(fields.integer(u"queue"));
    card.state.due = fields.integer(u"due");
    card.state.ivl = int(fields.integer(u"ivl"));
    card.state.factor = int(fields.integer(u"factor"));
    card.state.reps = int(fields.integer(u"reps"));
    card.state.lapses = int(fields.integer(u"lapses"));
    card.state.left = int(fields.integer(u"left"));
    // An addition of docs/api.md §4.1; older servers leave it out (and then have no flags to show).
    card.flags = int(fields.optionalInteger(u"flags").value_or(0));
    card.mod = fields.integer(u"mod");
    const QString etag = fields.string(u"etag");
    if (auto valid = fields.check(); !valid)
        return valid.error();
    if (card.etag() != etag)
        return makeError(ErrorCode::Internal,
            u"card %1: the server's etag %2 is not this app's %3 (another version of Javumbo?)"_s.arg(
                QString::number(card.cardId), etag, card.etag()));
    return card;
}

Result<collection::AnsweredCard> readAnswered(const QJsonObject &json)
{
    auto card = read(json);
    if (!card)
        return card.error();
    JsonFields fields(json, u"answered card"_s);
    collection::AnsweredCard answered;
    static_cast<collection::CardRecord &>(answered) = std::move(card).value();
    answered.undoId = fields.integer(u"undo_id");
    if (auto valid = fields.check(); !valid)
        return valid.error();
    return answered;
}

Result<collection::CardPage> readPage(const QJsonObject &json)
{
    JsonFields fields(json, u"card list"_s);
    collection::CardPage page;
    const QJsonArray cards = fields.array(u"cards");
    page.total = fields.integer(u"total");
    if (auto valid = fields.check(); !valid)
        return valid.error();
    auto cardList = readEach(cards, read);
    if (!cardList)
        return cardList.error();
    page.cards = std::move(cardList).value();
    return page;
}

QJsonObject newCardBody(const collection::NewCard &card)
{
    QJsonObject body {{u"front"_s, card.front}, {u"back"_s, card.back}};
    if (card.deckId > 0)
        body.insert(u"deck_id"_s, card.deckId);
    if (!card.tags.isEmpty())
        body.insert(u"tags"_s, QJsonArray::fromStringList(card.tags));
    return body;
}

QJsonObject editBody(const collection::CardEdit &edit)
{
    QJsonObject body {{u"front"_s, edit.front}, {u"back"_s, edit.back}};
    if (edit.deckId)
        body.insert(u"deck_id"_s, *edit.deckId);
    if (edit.tags)
        body.insert(u"tags"_s, QJsonArray::fromStringList(*edit.tags));
    return body;
}

} // namespace javumbo::gui::cardjson
