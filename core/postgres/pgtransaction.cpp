#include "pgtransaction.h"

using namespace Qt::StringLiterals;

namespace javumbo::postgres {

PgTransaction::PgTransaction(PgDatabase &database, QSqlDatabase &db, const QString &begin)
    : m_database(database), m_db(db)
{
    if (auto begun = m_database.execute(m_db, begin); begun)
        m_active = true;
    else
        m_error = begun.error();
}

PgTransaction::~PgTransaction()
{
    if (m_active)
        (void)m_database.execute(m_db, u"ROLLBACK"_s); // a lost connection rolled back already
}

Result<void> PgTransaction::commit()
{
    if (!m_active)
        return m_error;
    m_active = false;
    return m_database.execute(m_db, u"COMMIT"_s);
}

} // namespace javumbo::postgres
