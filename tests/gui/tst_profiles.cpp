// Issue 15, bugs 6 and 9 (profiles), and profile names as students type
// them: a profile with a password asks for it before it opens (from the
// Profile menu and at start); a taken name says so, without talking about
// email; any text is a name ("María"); profiles are renamed and deleted.
#include "dialogs/passworddialog.h"
#include "dialogs/profiledialog.h"
#include "guifixture.h"
#include "profilemenu.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QSettings>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::gui;

class TestProfiles : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<testsupport::GuiFixture> m_fixture;
    std::unique_ptr<QWidget> m_parent;
    ProfileMenu *m_menu = nullptr;

    qint64 openUser() const
    {
        return m_fixture->context().hasClient() ? m_fixture->context().client()->userId() : 0;
    }
    QAction *entryFor(const QString &name) const
    {
        for (QAction *action : m_menu->actions()) {
            if (action->text() == name)
                return action;
        }
        return nullptr;
    }
    // Runs `answer` on the modal dialog the next step opens, once it is up.
    static void whenModalOpens(std::function<void(QWidget *)> answer)
    {
        QTimer::singleShot(0, [answer = std::move(answer)] {
            QTRY_VERIFY(QApplication::activeModalWidget());
            answer(QApplication::activeModalWidget());
        });
    }
    static QString labelsOf(QWidget *widget)
    {
        QStringList texts;
        for (QLabel *label : widget->findChildren<QLabel *>())
            texts.append(label->text());
        return texts.join(u'\n');
    }

private slots:
    void init()
    {
        m_fixture = std::make_unique<testsupport::GuiFixture>();
        m_parent = std::make_unique<QWidget>();
        m_menu = new ProfileMenu(&m_fixture->profiles(), &m_fixture->context(), m_parent.get());
        m_parent->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_parent.get()));
    }
    void cleanup()
    {
        m_parent.reset();
        m_fixture.reset();
    }

    void profileWithPassword_fromTheMenu_asksForItAndOpensOnlyWhenRight()
    {
        const qint64 open = m_fixture->openNewProfile(u"kiosk"_s).userId;
        const Profile locked
            = m_fixture->profiles().createProfile(u"lab student"_s, u"correct horse"_s).value();
        QVERIFY(locked.hasPassword);
        m_menu->reloadProfiles();
        QTRY_VERIFY(entryFor(u"lab student"_s));

        bool asked = false;
        whenModalOpens([&asked](QWidget *dialog) {
            asked = true;
            auto *password = dialog->findChild<QLineEdit *>(u"unlockPassword"_s);
            QVERIFY(password);
            password->setText(u"wrong guess"_s);
            QMetaObject::invokeMethod(dialog, "accept");
            QTRY_VERIFY(labelsOf(dialog).contains(u"Wrong password"_s));
            QVERIFY(dialog->isVisible()); // still asking
            password->setText(u"correct horse"_s);
            QMetaObject::invokeMethod(dialog, "accept");
        });
        entryFor(u"lab student"_s)->trigger();
        QVERIFY(asked);
        QCOMPARE(openUser(), locked.userId);
        Q_UNUSED(open)
    }

    void profileWithPassword_cancelled_staysOnTheOpenProfile()
    {
        const qint64 open = m_fixture->openNewProfile(u"kiosk"_s).userId;
        QVERIFY(m_fixture->profiles().createProfile(u"lab student"_s, u"correct horse"_s));
        m_menu->reloadProfiles();
        QTRY_VERIFY(entryFor(u"lab student"_s));
        whenModalOpens([](QWidget *dialog) { QMetaObject::invokeMethod(dialog, "reject"); });
        entryFor(u"lab student"_s)->trigger();
        QCOMPARE(openUser(), open);
        QTRY_VERIFY(entryFor(u"kiosk"_s) && entryFor(u"kiosk"_s)->isChecked());
    }

    void profileWithoutPassword_opensWithoutAsking()
    {
        m_fixture->openNewProfile(u"kiosk"_s);
        const Profile free = m_fixture->profiles().createProfile(u"visitor"_s, QString()).value();
        QVERIFY(!free.hasPassword);
        m_menu->reloadProfiles();
        QTRY_VERIFY(entryFor(u"visitor"_s));
        entryFor(u"visitor"_s)->trigger();
        QCOMPARE(openUser(), free.userId);
        // A profile made without a password cannot log in through the server with any password.
        QCOMPARE(m_fixture->backend().accounts().authenticate(free.username, QString()).code(),
            ErrorCode::BadCredentials);
    }

    void startup_lastProfileHasAPassword_asksForIt()
    {
        const Profile locked
            = m_fixture->profiles().createProfile(u"lab student"_s, u"correct horse"_s).value();
        QSettings().setValue(u"profile/lastUserId"_s, locked.userId);
        bool asked = false;
        whenModalOpens([&asked](QWidget *dialog) {
            asked = qobject_cast<PasswordDialog *>(dialog) != nullptr;
            dialog->findChild<QLineEdit *>(u"unlockPassword"_s)->setText(u"correct horse"_s);
            QMetaObject::invokeMethod(dialog, "accept");
        });
        QVERIFY(m_menu->openStartupProfile(m_parent.get()));
        QVERIFY(asked);
        QCOMPARE(openUser(), locked.userId);
    }

    void duplicateName_saysTheNameIsTaken_neverEmail()
    {
        QVERIFY(m_fixture->profiles().createProfile(u"Ana"_s, QString()));
        ProfileDialog dialog(&m_fixture->profiles(), &m_fixture->context().worker(), false);
        dialog.show();
        dialog.findChild<QLineEdit *>(u"profileName"_s)->setText(u"ana"_s);
        dialog.accept();
        QTRY_VERIFY(labelsOf(&dialog).contains(u"already exists"_s));
        QVERIFY2(!labelsOf(&dialog).contains(u"email"_s, Qt::CaseInsensitive), qPrintable(labelsOf(&dialog)));
        QVERIFY(!dialog.createdProfile());
    }

    void unicodeName_isTheProfilesName_withAnAsciiLogin()
    {
        ProfileDialog dialog(&m_fixture->profiles(), &m_fixture->context().worker(), true);
        dialog.findChild<QLineEdit *>(u"profileName"_s)->setText(u"María José"_s);
        dialog.accept();
        QTRY_VERIFY(dialog.createdProfile().has_value());
        QCOMPARE(dialog.createdProfile()->name, u"María José"_s);
        QCOMPARE(dialog.createdProfile()->username, u"maria-jose"_s);
        m_menu->openProfile(*dialog.createdProfile());
        QCOMPARE(m_fixture->context().client()->profileName(), u"María José"_s);
        QTRY_VERIFY(entryFor(u"María José"_s));
        // A second María gets her own login.
        QCOMPARE(
            m_fixture->profiles().createProfile(u"maria jose!"_s, QString())->username, u"maria-jose-2"_s);
        QCOMPARE(LocalProfileStore::usernameFor(u"李"_s, {}), u"profile"_s);
    }

    void rename_changesTheNameEverywhere()
    {
        m_fixture->openNewProfile(u"kiosk"_s);
        m_menu->reloadProfiles();
        QTRY_VERIFY(m_menu->currentProfile());
        whenModalOpens([](QWidget *dialog) {
            dialog->findChild<QLineEdit *>()->setText(u"Zoë"_s);
            QMetaObject::invokeMethod(dialog, "accept");
        });
        m_menu->renameProfile();
        QCOMPARE(m_fixture->context().client()->profileName(), u"Zoë"_s);
        QTRY_VERIFY(entryFor(u"Zoë"_s));
        QCOMPARE(m_fixture->profiles().profiles()->constFirst().name, u"Zoë"_s);
    }

    void delete_asksFirst_thenRemovesTheProfileAndItsCollection()
    {
        const qint64 doomed = m_fixture->openNewProfile(u"old class"_s).userId;
        const Profile other = m_fixture->profiles().createProfile(u"new class"_s, QString()).value();
        const QString file = m_fixture->collectionPath(doomed);
        m_menu->reloadProfiles();
        QTRY_VERIFY(entryFor(u"new class"_s));

        whenModalOpens(
            [](QWidget *box) { qobject_cast<QMessageBox *>(box)->button(QMessageBox::Cancel)->click(); });
        m_menu->deleteProfile();
        QCOMPARE(openUser(), doomed);
        QVERIFY(QFile::exists(file));

        whenModalOpens(
            [](QWidget *box) { qobject_cast<QMessageBox *>(box)->button(QMessageBox::Yes)->click(); });
        m_menu->deleteProfile();
        QCOMPARE(openUser(), other.userId);
        QTRY_VERIFY(!QFile::exists(file));
        QCOMPARE(m_fixture->profiles().profiles()->size(), 1);
        QTRY_VERIFY(!entryFor(u"old class"_s));
    }
};

QTEST_MAIN(TestProfiles)
#include "tst_profiles.moc"
