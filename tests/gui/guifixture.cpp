#include "guifixture.h"

#include "storage/database.h"
#include "testsupport.h"

#include <QDateTime>
#include <QSettings>
#include <QTest>

using namespace Qt::StringLiterals;

namespace javumbo::testsupport {

GuiFixture::GuiFixture() : m_clock(QDateTime::currentMSecsSinceEpoch())
{
    enterTestMode();
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath(u"settings"_s));
    QSettings().clear();
    BackendOptions options;
    options.dataDir = m_dir.filePath(u"data"_s);
    options.hashing = PasswordHasher::Options {1000, true};
    m_backend = std::make_unique<Backend>(options, m_clock, m_locks);
    if (auto ready = m_backend->initialize(); !ready)
        qFatal("backend: %s", qPrintable(ready.error().message));
    m_profiles = std::make_unique<gui::LocalProfileStore>(*m_backend);
    m_context = std::make_unique<gui::ClientContext>();
}

GuiFixture::~GuiFixture()
{
    m_context.reset(); // joins the worker, which closes its connections
    storage::Database::closeAllOnThisThread();
    m_profiles.reset();
    m_backend.reset();
}

gui::Profile GuiFixture::openNewProfile(const QString &name)
{
    auto profile = m_profiles->createProfile(name, QString());
    if (!profile)
        qFatal("profile: %s", qPrintable(profile.error().message));
    m_context->setClient(m_profiles->open(profile.value()));
    return profile.value();
}

QString GuiFixture::collectionPath(qint64 userId) const
{
    return m_backend->context().collectionPath(userId);
}

qint64 GuiFixture::number(qint64 userId, const QString &sql) const
{
    return queryNumber(collectionPath(userId), sql);
}

} // namespace javumbo::testsupport
