#include "collectionmeta.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace javumbo::collection {

namespace {

Result<QJsonObject> parseObject(const QString &text, const QString &what)
{
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return makeError(
            ErrorCode::StorageCorrupt, u"col.%1 is not a JSON object: %2"_s.arg(what, error.errorString()));
    return document.object();
}

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

Result<CollectionMeta> CollectionMeta::load(storage::Connection &connection)
{
    storage::Query query(connection, u"SELECT crt, conf, decks, dconf FROM col WHERE $user() id = 1"_s);
    if (auto done = query.exec(); !done)
        return done.error();
    if (!query.next())
        return makeError(ErrorCode::StorageCorrupt, u"%1 has no col row"_s.arg(connection.path()));
    CollectionMeta meta;
    meta.m_crt = query.int64(0);
    auto conf = parseObject(query.text(1), u"conf"_s);
    auto decks = parseObject(query.text(2), u"decks"_s);
    if (!conf)
        return conf.error();
    if (!decks)
        return decks.error();
    meta.m_conf = std::move(conf).value();
    meta.m_decks = std::move(decks).value();
    meta.m_dconfText = query.text(3);
    return meta;
}

qint64 CollectionMeta::modelId() const
{
    return m_conf.value(u"curModel"_s).toVariant().toLongLong();
}

int CollectionMeta::collapseTimeSeconds() const
{
    return m_conf.value(u"collapseTime"_s).toInt(1200);
}

scheduling::DayTiming CollectionMeta::timing(qint64 nowSeconds, int currentOffsetMinutesWest) const
{
    const int creationOffset = m_conf.value(u"creationOffset"_s).toInt(currentOffsetMinutesWest);
    const int rollover = m_conf.value(u"rollover"_s).toInt(4);
    return scheduling::dayTiming(nowSeconds, m_crt, creationOffset, currentOffsetMinutesWest, rollover);
}

bool CollectionMeta::updateLocalOffset(int currentOffsetMinutesWest)
{
    if (m_conf.value(u"localOffset"_s).toInt() == currentOffsetMinutesWest
        && m_conf.contains(u"localOffset"_s))
        return false;
    editConf().insert(u"localOffset"_s, currentOffsetMinutesWest);
    return true;
}

Result<QJsonObject> CollectionMeta::dconf() const
{
    if (m_dconf)
        return *m_dconf;
    return parseObject(m_dconfText, u"dconf"_s);
}

Result<QJsonObject *> CollectionMeta::editDconf()
{
    if (!m_dconf) {
        auto parsed = parseObject(m_dconfText, u"dconf"_s);
        if (!parsed)
            return parsed.error();
        m_dconf = std::move(parsed).value();
    }
    return &*m_dconf;
}

Result<scheduling::DeckConfig> CollectionMeta::deckConfig(qint64 deckId) const
{
    const QJsonObject deck = m_decks.value(QString::number(deckId)).toObject();
    const QString configId = QString::number(deck.value(u"conf"_s).toVariant().toLongLong());
    auto dconf = this->dconf();
    if (!dconf)
        return dconf.error();
    const QJsonValue config = dconf->value(configId);
    if (!config.isObject())
        return scheduling::DeckConfig {};
    return scheduling::DeckConfig::fromDconfJson(config.toObject());
}

Result<void> CollectionMeta::save(storage::Connection &connection, qint64 nowMs) const
{
    // Only the parts that changed: most mutations touch one of them, or none.
    QStringList assignments;
    QVariantList values;
    if (m_confChanged) {
        assignments << u"conf = ?"_s;
        values << compact(m_conf);
    }
    if (m_decksChanged) {
        assignments << u"decks = ?"_s;
        values << compact(m_decks);
    }
    if (m_dconf) {
        assignments << u"dconf = ?"_s;
        values << compact(*m_dconf);
    }
    if (assignments.isEmpty())
        return stampModified(connection, nowMs);
    storage::Query update(connection,
        u"UPDATE col SET "_s % assignments.join(u", "_s)
            % u", mod = ? WHERE $user() id = 1"_s); // at most 7 shapes: cached
    for (const QVariant &value : values)
        update.bind(value);
    update.bind(nowMs);
    return update.exec();
}

CollectionMeta CollectionMeta::asSaved() const
{
    CollectionMeta saved = *this;
    saved.m_confChanged = false;
    saved.m_decksChanged = false;
    if (m_dconf) {
        saved.m_dconfText = compact(*m_dconf);
        saved.m_dconf.reset();
    }
    return saved;
}

Result<void> CollectionMeta::stampModified(storage::Connection &connection, qint64 nowMs)
{
    storage::Query touch(connection, u"UPDATE col SET mod = ? WHERE $user() id = 1"_s);
    touch.bind(nowMs);
    return touch.exec();
}

} // namespace javumbo::collection
