#include "decktree.h"

#include "storage/collectionschema.h"

#include <QJsonArray>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace javumbo::collection {

namespace {

const QString kSeparator = u"::"_s;

int counterToday(const QJsonObject &deck, const QString &key, int today)
{
    const QJsonArray counter = deck.value(key).toArray();
    if (counter.size() != 2 || counter.at(0).toInt() != today)
        return 0;
    return counter.at(1).toInt();
}

} // namespace

DeckTree::DeckTree(QJsonObject &decks) : m_decks(decks) { }

DeckTree::DeckTree(const QJsonObject &decks) : m_readOnlyCopy(decks), m_decks(m_readOnlyCopy) { }

Result<QString> DeckTree::normalizeName(const QString &name)
{
    if (name.size() > 400)
        return makeError(ErrorCode::InvalidDeckName, u"deck names are at most 400 characters"_s);
    QStringList parts = name.split(kSeparator);
    for (QString &part : parts) {
        part = part.trimmed();
        if (part.isEmpty())
            return makeError(ErrorCode::InvalidDeckName, u"deck name \"%1\" has an empty part"_s.arg(name));
        if (std::any_of(
                part.begin(), part.end(), [](QChar c) { return c.category() == QChar::Other_Control; }))
            return makeError(ErrorCode::InvalidDeckName, u"deck names cannot contain control characters"_s);
    }
    return parts.join(kSeparator);
}

QJsonObject DeckTree::deck(qint64 id) const
{
    return m_decks.value(QString::number(id)).toObject();
}

bool DeckTree::contains(qint64 id) const
{
    return m_decks.contains(QString::number(id));
}

QString DeckTree::name(qint64 id) const
{
    return deck(id).value(u"name"_s).toString();
}

std::optional<qint64> DeckTree::findByName(const QString &name) const
{
    for (auto it = m_decks.constBegin(); it != m_decks.constEnd(); ++it) {
        const QJsonObject object = it.value().toObject();
        if (object.value(u"name"_s).toString().compare(name, Qt::CaseInsensitive) == 0)
            return it.key().toLongLong();
    }
    return std::nullopt;
}

QList<std::pair<qint64, QString>> DeckTree::all() const
{
    QList<std::pair<qint64, QString>> result;
    for (auto it = m_decks.constBegin(); it != m_decks.constEnd(); ++it)
        result.append({it.key().toLongLong(), it.value().toObject().value(u"name"_s).toString()});
    std::sort(result.begin(), result.end(),
        [](const auto &a, const auto &b) { return a.second.compare(b.second, Qt::CaseInsensitive) < 0; });
    return result;
}

QList<qint64> DeckTree::withDescendants(qint64 id) const
{
    QList<qint64> ids;
    if (!contains(id))
        return ids;
    ids.append(id);
    const QString prefix = name(id) % kSeparator;
    for (const auto &[otherId, otherName] : all()) {
        if (otherName.startsWith(prefix, Qt::CaseInsensitive))
            ids.append(otherId);
    }
    return ids;
}

QList<qint64> DeckTree::withAncestors(qint64 id) const
{
    QList<qint64> ids;
    if (!contains(id))
        return ids;
    ids.append(id);
    QStringList parts = name(id).split(kSeparator);
    while (parts.size() > 1) {
        parts.removeLast();
        if (auto parent = findByName(parts.join(kSeparator)))
            ids.append(*parent);
    }
    return ids;
}

qint64 DeckTree::unusedId(qint64 nowMs) const
{
    qint64 id = nowMs;
    while (contains(id))
        ++id;
    return id;
}

Result<qint64> DeckTree::add(const QString &rawName, qint64 nowMs)
{
    auto normalized = normalizeName(rawName);
    if (!normalized)
        return normalized.error();
    const QString &fullName = normalized.value();
    if (findByName(fullName))
        return makeError(ErrorCode::DeckExists, u"a deck named \"%1\" already exists"_s.arg(fullName));
    const QStringList parts = fullName.split(kSeparator);
    qint64 id = 0;
    for (int depth = 1; depth <= parts.size(); ++depth) {
        const QString prefix = parts.mid(0, depth).join(kSeparator);
        if (findByName(prefix))
            continue;
        id = unusedId(nowMs);
        m_decks.insert(QString::number(id), storage::collectionschema::newDeckJson(id, prefix, nowMs / 1000));
    }
    return id;
}

Result<void> DeckTree::rename(qint64 id, const QString &rawName, qint64 nowMs)
{
    if (!contains(id))
        return makeError(ErrorCode::DeckNotFound, u"deck %1 not found"_s.arg(id));
    auto normalized = normalizeName(rawName);
    if (!normalized)
        return normalized.error();
    const QString &newName = normalized.value();
    const QString oldName = name(id);
    if (auto existing = findByName(newName); existing && *existing != id)
        return makeError(ErrorCode::DeckExists, u"a deck named \"%1\" already exists"_s.arg(newName));
    if (newName.startsWith(oldName % kSeparator, Qt::CaseInsensitive))
        return makeError(ErrorCode::InvalidDeckName, u"a deck cannot become its own child"_s);
    for (qint64 member : withDescendants(id)) {
        QJsonObject object = deck(member);
        const QString memberName = object.value(u"name"_s).toString();
        object.insert(u"name"_s, QString(newName + memberName.mid(oldName.size())));
        object.insert(u"mod"_s, nowMs / 1000);
        object.insert(u"usn"_s, -1);
        m_decks.insert(QString::number(member), object);
    }
    // Parents of the new name must exist for the tree to stay whole.
    QStringList parts = newName.split(kSeparator);
    parts.removeLast();
    for (int depth = 1; depth <= parts.size(); ++depth) {
        const QString prefix = parts.mid(0, depth).join(kSeparator);
        if (!findByName(prefix)) {
            const qint64 parentId = unusedId(nowMs);
            m_decks.insert(QString::number(parentId),
                storage::collectionschema::newDeckJson(parentId, prefix, nowMs / 1000));
        }
    }
    return {};
}

QList<qint64> DeckTree::remove(qint64 id)
{
    const QList<qint64> ids = withDescendants(id);
    for (qint64 member : ids)
        m_decks.remove(QString::number(member));
    return ids;
}

DeckTree::TodayCounts DeckTree::todayCounts(qint64 id, int today) const
{
    const QJsonObject object = deck(id);
    return {counterToday(object, u"newToday"_s, today), counterToday(object, u"revToday"_s, today)};
}

void DeckTree::recordAnswer(qint64 id, int today, int queueBefore, int timeMs)
{
    QJsonObject object = deck(id);
    if (object.isEmpty())
        return;
    const QString keys[] = {u"newToday"_s, u"revToday"_s, u"lrnToday"_s, u"timeToday"_s};
    for (const QString &key : keys) {
        if (object.value(key).toArray().at(0).toInt() != today)
            object.insert(key, QJsonArray {today, 0});
    }
    auto bump = [&](const QString &key, int by) {
        const QJsonArray counter = object.value(key).toArray();
        object.insert(key, QJsonArray {today, counter.at(1).toInt() + by});
    };
    if (queueBefore == 0)
        bump(u"newToday"_s, 1);
    else if (queueBefore == 2 || queueBefore == 3)
        bump(u"revToday"_s, 1);
    bump(u"timeToday"_s, timeMs);
    m_decks.insert(QString::number(id), object);
}

} // namespace javumbo::collection
