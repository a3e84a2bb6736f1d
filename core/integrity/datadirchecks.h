#pragma once

#include "collectionsource.h"
#include "directreader.h"
#include "historyindex.h"
#include "integrityreport.h"

#include <QList>

namespace javumbo::integrity {

// The checks only a readable data directory allows: admin.db's half of
// identities, database_files and integrity_check. Only test accounts are
// judged; other accounts' rows and files are none of the run's business.
struct DataDirAudit
{
    QList<Violation> violations;
    bool adminReadable = false;
    QString adminError;
    CheckOutcome databaseFiles;
    CheckOutcome integrityCheck;
};

DataDirAudit auditDataDir(const DirectReader &reader, const QList<Registration> &registrations,
    const QList<CollectionView> &testUsers);

} // namespace javumbo::integrity
