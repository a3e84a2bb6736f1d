#include "schema18reader.h"

#include "interoperrors.h"
#include "protoreader.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace javumbo::interop {

namespace {

// Deck.KindContainer: field 1 Normal{config_id = 1}, field 2 Filtered.
void readDeckKind(QByteArrayView blob, SourceDeck &deck)
{
    ProtoReader kind(blob);
    ProtoReader::Field field;
    while (kind.next(field)) {
        if (field.number == 2) {
            deck.filtered = true;
        } else if (field.number == 1 && field.type == ProtoReader::WireType::Bytes) {
            ProtoReader normal(field.bytes);
            ProtoReader::Field inner;
            while (normal.next(inner)) {
                if (inner.number == 1 && inner.type == ProtoReader::WireType::Varint)
                    deck.configId = inner.int64();
            }
        }
    }
}

Result<void> readDecks(storage::Connection &db, ExchangeData &data)
{
    storage::Query decks(db, u"SELECT id, name, kind FROM decks"_s, storage::Query::Caching::Uncached);
    if (auto done = decks.exec(); !done)
        return done;
    while (decks.next()) {
        // Native deck names separate their components with U+001F.
        SourceDeck deck {decks.int64(0), decks.text(1).replace(QChar(0x1f), u"::"_s), 1, false};
        readDeckKind(decks.value(2).toByteArray(), deck);
        data.decks.insert(deck.id, deck);
    }
    return {};
}

Result<void> readNotetypes(storage::Connection &db, ExchangeData &data)
{
    storage::Query notetypes(
        db, u"SELECT id, name, config FROM notetypes"_s, storage::Query::Caching::Uncached);
    if (auto done = notetypes.exec(); !done)
        return done;
    while (notetypes.next()) {
        SourceNotetype notetype {notetypes.int64(0), notetypes.text(1), false, {}, {}};
        ProtoReader config(notetypes.value(2).toByteArray());
        ProtoReader::Field field;
        while (config.next(field)) {
            if (field.number == 1 && field.type == ProtoReader::WireType::Varint)
                notetype.cloze = field.varint == 1; // Notetype.Config.Kind: 0 normal, 1 cloze
        }
        data.notetypes.insert(notetype.id, notetype);
    }
    for (const auto &[table, isField] : {std::pair {u"fields"_s, true}, std::pair {u"templates"_s, false}}) {
        storage::Query rows(db, u"SELECT ntid, name FROM %1 ORDER BY ntid, ord"_s.arg(table),
            storage::Query::Caching::Uncached);
        if (auto done = rows.exec(); !done)
            return done;
        while (rows.next()) {
            auto it = data.notetypes.find(rows.int64(0));
            if (it != data.notetypes.end())
                (isField ? it->fieldNames : it->templateNames).append(rows.text(1));
        }
    }
    return {};
}

Result<void> readDeckConfigs(storage::Connection &db, ExchangeData &data)
{
    storage::Query configs(
        db, u"SELECT id, name, config FROM deck_config"_s, storage::Query::Caching::Uncached);
    if (auto done = configs.exec(); !done)
        return done;
    while (configs.next()) {
        data.deckConfigs.insert(configs.int64(0),
            SourceDeckConfig {
                configs.int64(0), configs.text(1), deckConfigFromProto(configs.value(2).toByteArray())});
    }
    return {};
}

Result<void> readCreationOffset(storage::Connection &db, ExchangeData &data)
{
    storage::Query offset(
        db, u"SELECT val FROM config WHERE KEY = 'creationOffset'"_s, storage::Query::Caching::Uncached);
    auto value = offset.scalar();
    if (!value)
        return value.error();
    if (value.value()) {
        const QJsonDocument json = QJsonDocument::fromJson(
            u"[%1]"_s.arg(QString::fromUtf8(value.value()->toByteArray())).toUtf8());
        if (json.isArray() && json.array().size() == 1 && json.array().at(0).isDouble())
            data.creationOffset = json.array().at(0).toInt();
    }
    return {};
}

} // namespace

scheduling::DeckConfig deckConfigFromProto(QByteArrayView blob)
{
    scheduling::DeckConfig config;
    ProtoReader reader(blob);
    ProtoReader::Field field;
    bool learnSeen = false;
    bool relearnSeen = false;
    while (reader.next(field)) {
        switch (field.number) {
        case 1: // learn_steps (packed; a repeated field may come in several parts)
            config.learnSteps
                = (learnSeen ? config.learnSteps : QList<float> {}) + ProtoReader::packedFloats(field);
            learnSeen = true;
            break;
        case 2:
            config.relearnSteps
                = (relearnSeen ? config.relearnSteps : QList<float> {}) + ProtoReader::packedFloats(field);
            relearnSeen = true;
            break;
        case 9:
            config.newPerDay = int(field.varint);
            break;
        case 10:
            config.reviewsPerDay = int(field.varint);
            break;
        case 11:
            config.initialFactor = int(std::lround(field.float32() * 1000.0f));
            break;
        case 12:
            config.easyBonus = field.float32();
            break;
        case 13:
            config.hardFactor = field.float32();
            break;
        case 14:
            config.lapseMultiplier = field.float32();
            break;
        case 15:
            config.intervalModifier = field.float32();
            break;
        case 16:
            config.maximumInterval = int(field.varint);
            break;
        case 17:
            config.minimumInterval = int(field.varint);
            break;
        case 18:
            config.graduatingInterval = int(field.varint);
            break;
        case 19:
            config.easyInterval = int(field.varint);
            break;
        case 21:
            config.leechAction = int(field.varint);
            break;
        case 22:
            config.leechThreshold = int(field.varint);
            break;
        case 24:
            config.maxAnswerSeconds = int(field.varint);
            break;
        default:
            break;
        }
    }
    return config;
}

Result<void> readSchema18Tables(storage::Connection &db, ExchangeData &data)
{
    for (auto read : {readDecks, readNotetypes, readDeckConfigs, readCreationOffset}) {
        if (auto done = read(db, data); !done)
            return invalidPackage(u"the version-3 collection inside the package cannot be read ("_s
                % done.error().message % u')');
    }
    return {};
}

} // namespace javumbo::interop
