#include "sampledeck.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace javumbo::loadtest {

namespace {

Error malformed(const QString &path, const QString &what)
{
    return makeError(ErrorCode::BadRequest, u"%1 is not a deck: %2"_s.arg(path, what));
}

} // namespace

QString SampleDeck::defaultPath()
{
    return u":/decks/verbal-tenses.json"_s;
}

Result<SampleDeck> SampleDeck::load(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return makeError(ErrorCode::NotFound, u"deck file %1 not found"_s.arg(path));
    if (!file.open(QIODevice::ReadOnly))
        return makeError(
            ErrorCode::StorageUnavailable, u"cannot read deck file %1: %2"_s.arg(path, file.errorString()));

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return makeError(ErrorCode::InvalidJson,
            u"%1: %2 at offset %3"_s.arg(path, parseError.errorString()).arg(parseError.offset));
    if (!document.isObject())
        return malformed(path, u"the top level is not an object"_s);

    const QJsonObject root = document.object();
    SampleDeck deck;
    deck.name = root.value("name"_L1).toString();
    deck.description = root.value("description"_L1).toString();
    if (deck.name.trimmed().isEmpty())
        return malformed(path, u"no name"_s);
    const QJsonValue cards = root.value("cards"_L1);
    if (!cards.isArray())
        return malformed(path, u"no cards array"_s);

    const QJsonArray cardArray = cards.toArray();
    deck.cards.reserve(cardArray.size());
    for (qsizetype i = 0; i < cardArray.size(); ++i) {
        const QJsonObject object = cardArray.at(i).toObject();
        SampleCard card;
        card.front = object.value("front"_L1).toString();
        card.back = object.value("back"_L1).toString();
        if (card.front.trimmed().isEmpty() || card.back.trimmed().isEmpty())
            return malformed(path, u"card %1 has no front or no back"_s.arg(i));
        const QJsonValue tags = object.value("tags"_L1);
        if (!tags.isUndefined() && !tags.isArray())
            return malformed(path, u"card %1: tags is not an array"_s.arg(i));
        for (const QJsonValue &tag : tags.toArray()) {
            if (!tag.isString())
                return malformed(path, u"card %1: a tag is not a string"_s.arg(i));
            card.tags.append(tag.toString());
        }
        deck.cards.append(std::move(card));
    }
    return deck;
}

} // namespace javumbo::loadtest
