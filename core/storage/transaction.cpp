#include "transaction.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcTransaction, "javumbo.storage")

namespace javumbo::storage {

Transaction::Transaction(Connection &connection) : m_connection(connection)
{
    auto begun = m_connection.execute(u"BEGIN IMMEDIATE"_s);
    m_active = begun.ok();
    if (!begun)
        m_beginError = begun.error();
}

Transaction::~Transaction()
{
    if (!m_active)
        return;
    if (auto rolledBack = m_connection.execute(u"ROLLBACK"_s); !rolledBack)
        qCWarning(lcTransaction) << "rollback failed on" << m_connection.path() << rolledBack.error().message;
}

Result<void> Transaction::commit()
{
    if (!m_active)
        return m_beginError;
    auto committed = m_connection.execute(u"COMMIT"_s);
    if (committed)
        m_active = false;
    return committed;
}

} // namespace javumbo::storage
