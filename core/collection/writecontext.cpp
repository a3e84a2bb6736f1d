#include "writecontext.h"

using namespace Qt::StringLiterals;

namespace javumbo::collection {

WriteContext::WriteContext(storage::Connection &db, const Clock &clock, const CollectionHooks &hooks)
    : m_db(db), m_clock(clock), m_hooks(hooks)
{ }

Result<CollectionMeta *> WriteContext::meta()
{
    if (!m_meta) {
        auto loaded = CollectionMeta::load(m_db);
        if (!loaded)
            return loaded.error();
        m_meta.emplace(std::move(loaded).value());
    }
    return &*m_meta;
}

Result<void> WriteContext::finish()
{
    if (m_finished)
        return makeError(ErrorCode::Internal, u"a write context was finished twice"_s);
    m_finished = true;
    if (m_meta)
        return m_meta->save(m_db, nowMs());
    return CollectionMeta::stampModified(m_db, nowMs());
}

} // namespace javumbo::collection
