#pragma once

#include "scheduling/daytiming.h"
#include "scheduling/deckconfig.h"
#include "storage/connection.h"

#include <QJsonObject>

#include <optional>

namespace javumbo::collection {

// The parsed `col` row. Loaded inside a transaction, changed in memory and
// written back once by the transaction's WriteContext, so a mutation touches
// the row exactly one time.
class CollectionMeta
{
public:
    static Result<CollectionMeta> load(storage::Connection &connection);

    qint64 crt() const { return m_crt; }
    // Marks the part as changed, so save() writes only what changed. Named
    // apart from the readers: a plain decks() on a non-const meta must not
    // rewrite the whole deck list (it did, on every added card).
    QJsonObject &editConf()
    {
        m_confChanged = true;
        return m_conf;
    }
    QJsonObject &editDecks()
    {
        m_decksChanged = true;
        return m_decks;
    }
    const QJsonObject &conf() const { return m_conf; }
    const QJsonObject &decks() const { return m_decks; }
    // The options presets of col.dconf, parsed on first use (most mutations never need them).
    Result<QJsonObject> dconf() const;
    Result<QJsonObject *> editDconf();
    qint64 modelId() const;
    int collapseTimeSeconds() const;

    // §3: the day numbers at `nowSeconds` with the user's current offset.
    scheduling::DayTiming timing(qint64 nowSeconds, int currentOffsetMinutesWest) const;
    // Records a changed local offset (docs/scheduling.md §3); returns whether it changed.
    bool updateLocalOffset(int currentOffsetMinutesWest);
    // The options group of a deck (defaults when missing).
    Result<scheduling::DeckConfig> deckConfig(qint64 deckId) const;

private:
    friend class WriteContext; // the one writer of the row
    // Writes the changed parts back and stamps col.mod.
    Result<void> save(storage::Connection &connection, qint64 nowMs) const;
    // This row as save() left it in the file: nothing marked changed.
    CollectionMeta asSaved() const;
    // Stamps col.mod alone, for a mutation that never read the row.
    static Result<void> stampModified(storage::Connection &connection, qint64 nowMs);

    qint64 m_crt = 0;
    QJsonObject m_conf;
    QJsonObject m_decks;
    QString m_dconfText; // parsed only when a deck's options are needed
    std::optional<QJsonObject> m_dconf; // parsed by editDconf(), written back by save()
    bool m_confChanged = false;
    bool m_decksChanged = false;
};

} // namespace javumbo::collection
