#pragma once

#include "collectionmeta.h"
#include "common/clock.h"
#include "storage/connection.h"
#include "storage/transaction.h"

#include <optional>
#include <type_traits>

namespace javumbo::collection {

class CollectionHooks;

// What one mutation of a collection works through, after Anki's
// Collection::transact: the transaction's connection, the clock, the hooks
// and the `col` row, loaded on first use. finish() writes the changed parts
// of `col` and stamps col.mod, once per transaction, so no mutation can forget
// the stamp that sync and export tools rely on to see a change. Built only by
// transact() below.
class WriteContext
{
public:
    WriteContext(storage::Connection &db, const Clock &clock, const CollectionHooks &hooks);
    WriteContext(const WriteContext &) = delete;
    WriteContext &operator=(const WriteContext &) = delete;

    storage::Connection &db() const { return m_db; }
    const Clock &clock() const { return m_clock; }
    const CollectionHooks &hooks() const { return m_hooks; }
    qint64 nowMs() const { return m_clock.nowMs(); }
    qint64 nowSeconds() const { return m_clock.nowSeconds(); }

    // The col row of this transaction, read once; changes made through its
    // edit*() functions are written by finish().
    Result<CollectionMeta *> meta();

    // Writes the changed parts of col and stamps col.mod. transact() calls it
    // once, after the work succeeded and before the commit.
    Result<void> finish();

private:
    storage::Connection &m_db;
    const Clock &m_clock;
    const CollectionHooks &m_hooks;
    std::optional<CollectionMeta> m_meta;
    bool m_finished = false;
};

// Runs `work(WriteContext &)` in one transaction on `db`: committed, with col
// saved and stamped once, when the work succeeds; rolled back when it fails.
template<typename Work>
auto transact(Result<storage::Connection *> db, const Clock &clock, const CollectionHooks &hooks, Work &&work)
    -> std::invoke_result_t<Work, WriteContext &>
{
    using Outcome = std::invoke_result_t<Work, WriteContext &>;
    return storage::inTransaction(std::move(db), [&](storage::Connection &connection) -> Outcome {
        WriteContext context(connection, clock, hooks);
        auto result = work(context);
        if (!result)
            return result;
        if (auto finished = context.finish(); !finished)
            return finished.error();
        return result;
    });
}

} // namespace javumbo::collection
