#pragma once

#include "client/clientcontext.h"
#include "client/localprofilestore.h"
#include "services/backend.h"

#include <QTemporaryDir>

#include <memory>

namespace javumbo::testsupport {

// A real Backend on a temporary data directory (real SQLite, fast password
// hashing), the GUI's profile store and client context over it, and
// QSettings redirected into the same directory.
class GuiFixture
{
public:
    GuiFixture();
    ~GuiFixture();

    Backend &backend() { return *m_backend; }
    gui::LocalProfileStore &profiles() { return *m_profiles; }
    gui::ClientContext &context() { return *m_context; }
    ManualClock &clock() { return m_clock; }

    // A profile opened in the context, as after the first-start dialog.
    gui::Profile openNewProfile(const QString &name);
    QString collectionPath(qint64 userId) const;
    qint64 number(qint64 userId, const QString &sql) const;

private:
    QTemporaryDir m_dir;
    ManualClock m_clock;
    UserLockRegistry m_locks;
    std::unique_ptr<Backend> m_backend;
    std::unique_ptr<gui::LocalProfileStore> m_profiles;
    std::unique_ptr<gui::ClientContext> m_context;
};

} // namespace javumbo::testsupport
