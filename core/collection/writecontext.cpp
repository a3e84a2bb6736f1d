#include "writecontext.h"

using namespace Qt::StringLiterals;

namespace javumbo::collection {

WriteContext::WriteContext(storage::Connection &db, const Clock &clock, const CollectionHooks &hooks)
    : m_db(db), m_clock(clock), m_hooks(hooks)
{ }

Result<CollectionMeta *> WriteContext::meta()
{
    if (!m_meta) {
        // The row as this connection's last mutation saved it, unless the file changed since:
        // parsing conf and decks again was 8 % of a POST /cards (docs/architecture.md §3.4).
        if (const auto *kept = std::any_cast<CollectionMeta>(m_db.remembered())) {
            m_meta.emplace(*kept);
            return &*m_meta;
        }
        auto loaded = CollectionMeta::load(m_db);
        if (!loaded)
            return loaded.error();
        m_meta.emplace(std::move(loaded).value());
        // Remembered by finish(), not here: a write that fails is rolled back, which forgets.
    }
    return &*m_meta;
}

Result<void> WriteContext::finish()
{
    if (m_finished)
        return makeError(ErrorCode::Internal, u"a write context was finished twice"_s);
    m_finished = true;
    if (!m_meta)
        return CollectionMeta::stampModified(m_db, nowMs());
    auto saved = m_meta->save(m_db, nowMs());
    if (saved)
        m_db.remember(m_meta->asSaved());
    else
        m_db.forgetRemembered();
    return saved;
}

} // namespace javumbo::collection
