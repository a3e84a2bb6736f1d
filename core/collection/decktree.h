#pragma once

#include "common/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace javumbo::collection {

// The decks of a collection as Anki keeps them: one JSON object in col.decks,
// names forming a tree through "::". Works on a CollectionMeta's copy, which
// the caller saves inside its transaction.
class DeckTree
{
public:
    // Edits `decks` in place.
    explicit DeckTree(QJsonObject &decks);
    // Reads a copy; edits (if any) go nowhere.
    explicit DeckTree(const QJsonObject &decks);

    // Trims each "::" component; refuses empty components and control characters.
    static Result<QString> normalizeName(const QString &name);

    bool contains(qint64 id) const;
    QString name(qint64 id) const;
    std::optional<qint64> findByName(const QString &name) const; // case-insensitive, like Anki
    QList<std::pair<qint64, QString>> all() const; // sorted by name
    QList<qint64> withDescendants(qint64 id) const;
    QList<qint64> withAncestors(qint64 id) const;

    // Creates missing parents as Anki does; deck_exists if the name is taken.
    Result<qint64> add(const QString &name, qint64 nowMs);
    // Renames the deck and moves its children along.
    Result<void> rename(qint64 id, const QString &name, qint64 nowMs);
    // Removes the deck and its descendants; returns their ids.
    QList<qint64> remove(qint64 id);

    // docs/scheduling.md §7 counters, reset when the day changed.
    struct TodayCounts
    {
        int newToday = 0;
        int reviewToday = 0;
    };
    TodayCounts todayCounts(qint64 id, int today) const;
    void recordAnswer(qint64 id, int today, int queueBefore, int timeMs);

private:
    QJsonObject deck(qint64 id) const;
    qint64 unusedId(qint64 nowMs) const;
    QJsonObject m_readOnlyCopy; // declared before m_decks, which may refer to it
    QJsonObject &m_decks;
};

} // namespace javumbo::collection
