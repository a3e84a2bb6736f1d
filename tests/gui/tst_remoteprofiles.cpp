#include "client/appprofilestore.h"
#include "client/clientcontext.h"
#include "client/filetokenstore.h"
#include "client/keychaintokenstore.h"
#include "client/remote/remotecollectionclient.h"
#include "client/remote/remotesession.h"
#include "connectionmonitor.h"
#include "dialogs/addcarddialog.h"
#include "dialogs/profiledialog.h"
#include "guifixture.h"
#include "idleserverhost.h"
#include "mainwindow.h"
#include "profilemenu.h"
#include "views/browserview.h"
#include "views/cardeditor.h"

#include <QApplication>
#include <QComboBox>
#include <QDirIterator>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QTest>
#include <QTimer>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::gui;

// Remote profiles end to end against the app's embedded server on a loopback port, over the
// fixture's own Backend (docs/remote-profiles.md): the profile dialog signs in, the token is kept
// (keychain or a 0600 file) and survives a restart, sign-out revokes it, a 401 asks for the
// password and the action goes on, an unreachable server shows "Offline" and keeps what was typed.
class TestRemoteProfiles : public QObject
{
    Q_OBJECT
private:
    static inline const QString kPassword = u"correct horse battery"_s;
    std::unique_ptr<testsupport::GuiFixture> m_fixture;
    std::unique_ptr<AppProfileStore> m_store;
    testsupport::IdleServerHost m_host;
    std::unique_ptr<MainWindow> m_window;
    qint64 m_user = 0;

    // Every file of the data directory (the settings live beside it in the fixture's folder).
    QStringList filesContaining(const QString &text) const
    {
        QStringList found;
        QDirIterator files(QFileInfo(m_fixture->dataDirectory()).absolutePath(), QDir::Files | QDir::Hidden,
            QDirIterator::Subdirectories);
        while (files.hasNext()) {
            QFile file(files.next());
            if (file.open(QIODevice::ReadOnly) && file.readAll().contains(text.toUtf8()))
                found.append(file.fileName());
        }
        return found;
    }
    static int modeOf(const QString &path)
    {
        struct stat info
        {
        };
        return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? int(info.st_mode & 0777) : -1;
    }
    static bool keychainWorks()
    {
        KeychainTokenStore probe(u"javumbo-test-probe"_s);
        const bool works = bool(probe.save(u"probe"_s, u"x"_s));
        if (works)
            (void)probe.remove(u"probe"_s);
        return works;
    }
    // Runs `answer` on the next modal dialog once it is up. A polling timer, not a wait: the dialog may
    // open in a nested event loop (exec() in a queued slot), which a wait below it would never see.
    void whenModalOpens(std::function<void(QWidget *)> answer)
    {
        auto *poll = new QTimer(m_window.get());
        connect(poll, &QTimer::timeout, poll, [poll, answer = std::move(answer)] {
            if (QWidget *modal = QApplication::activeModalWidget()) {
                poll->stop();
                poll->deleteLater();
                answer(modal);
            }
        });
        poll->start(20);
    }
    // Signs in through the profile dialog, as a student does; the new profile.
    Profile signInThroughDialog(
        const QString &url, const QString &username, const QString &password, ProfileStore *store = nullptr)
    {
        ProfileDialog dialog(store ? store : m_store.get(), &m_fixture->context().worker(), false);
        dialog.show();
        dialog.findChild<QRadioButton *>(u"profileRemote"_s)->click();
        dialog.findChild<QLineEdit *>(u"serverUrl"_s)->setText(url);
        dialog.findChild<QLineEdit *>(u"serverUsername"_s)->setText(username);
        dialog.findChild<QLineEdit *>(u"serverPassword"_s)->setText(password);
        dialog.accept();
        if (!QTest::qWaitFor([&dialog] { return dialog.createdProfile().has_value(); }, 10000))
            return {};
        return *dialog.createdProfile();
    }
    Profile openRemoteProfile()
    {
        const Profile profile = signInThroughDialog(m_fixture->serverUrl().toString(), u"bea"_s, kPassword);
        m_window->profileMenu()->openProfile(profile);
        return profile;
    }
    QString keptToken(const Profile &profile) const
    {
        auto token = m_store->tokens().load(AppProfileStore::tokenAccount(profile));
        return token && token->has_value() ? token->value() : QString();
    }
    AddCardDialog *openAddDialog()
    {
        m_window->openAddCards();
        auto *dialog = m_window->findChild<AddCardDialog *>();
        if (dialog
            && !QTest::qWaitFor([dialog] { return dialog->findChild<QComboBox *>(u"deck"_s)->count() > 0; }))
            return nullptr;
        return dialog;
    }
    static void type(AddCardDialog *dialog, const QString &front, const QString &back)
    {
        dialog->findChild<QWidget *>(u"front"_s)->setProperty("plainText", front);
        dialog->findChild<QWidget *>(u"back"_s)->setProperty("plainText", back);
    }

private slots:
    void init()
    {
        qputenv("JAVUMBO_TOKEN_STORE", "file"); // deterministic; keychainRule() tests the choice itself
        m_fixture = std::make_unique<testsupport::GuiFixture>(testsupport::GuiFixture::Client::Local);
        m_user = m_fixture->localProfiles().createProfile(u"bea"_s, kPassword)->userId;
        m_store = std::make_unique<AppProfileStore>(
            m_fixture->localProfiles(), makeSystemTokenStore(m_fixture->dataDirectory()));
        m_window = std::make_unique<MainWindow>(&m_fixture->context(), m_store.get(), &m_host);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    void cleanup()
    {
        m_window.reset();
        m_fixture->context().setClient(nullptr);
        m_store.reset();
        m_fixture.reset();
        qunsetenv("JAVUMBO_TOKEN_STORE");
    }

    void profileDialog_signsInToTheServer_andListsARemoteProfileWithoutItsPassword()
    {
        const QString typed = m_fixture->serverUrl().authority(); // "127.0.0.1:port": http:// is implied
        const Profile profile = signInThroughDialog(typed + u"/api/v1/"_s, u"bea"_s, kPassword);
        QVERIFY(profile.isRemote());
        QCOMPARE(profile.userId, m_user);
        QCOMPARE(profile.serverUrl, m_fixture->serverUrl().adjusted(QUrl::StripTrailingSlash));
        QVERIFY(!profile.hasPassword);
        // Listed after the local profiles, by a fresh store too (the app's next start).
        AppProfileStore later(m_fixture->localProfiles(), makeSystemTokenStore(m_fixture->dataDirectory()));
        const QList<Profile> listed = later.profiles().value();
        QCOMPARE(listed.size(), 2);
        QVERIFY(!listed.first().isRemote());
        QCOMPARE(listed.last().key(), profile.key());
        QVERIFY(!listed.last().hasPassword); // its token is kept: it opens without asking
        // The server knows the token; no file holds the password.
        QVERIFY(m_fixture->backend().sessions().validate(keptToken(profile)));
        QCOMPARE(filesContaining(kPassword), QStringList());
    }

    void profileDialog_wrongPassword_saysSoAndListsNothing()
    {
        ProfileDialog dialog(m_store.get(), &m_fixture->context().worker(), false);
        dialog.show();
        dialog.setRemote(true);
        dialog.findChild<QLineEdit *>(u"serverUrl"_s)->setText(m_fixture->serverUrl().toString());
        dialog.findChild<QLineEdit *>(u"serverUsername"_s)->setText(u"bea"_s);
        dialog.findChild<QLineEdit *>(u"serverPassword"_s)->setText(u"not her password"_s);
        dialog.accept();
        auto *status = dialog.findChild<QLabel *>(u"profileStatus"_s);
        QTRY_COMPARE(status->text(), u"Wrong username or password."_s);
        QVERIFY(dialog.isVisible());
        QCOMPARE(m_store->profiles()->size(), 1);
        // A address that is no server's is refused before any request.
        dialog.findChild<QLineEdit *>(u"serverUrl"_s)->setText(u"ftp://example.org"_s);
        dialog.accept();
        QVERIFY(status->text().contains(u"http://"_s));
    }

    void tokenFile_isReadableOnlyByItsOwner()
    {
        const Profile profile = signInThroughDialog(m_fixture->serverUrl().toString(), u"bea"_s, kPassword);
        const QString path = tokenFilePath(m_fixture->dataDirectory());
        QVERIFY(QFile::exists(path));
        QCOMPARE(modeOf(path), 0600);
        QCOMPARE(filesContaining(keptToken(profile)), QStringList {path});
        // Rewritten (another token), still private.
        QVERIFY(m_store->tokens().save(u"someone@http://other"_s, u"t0ken"_s));
        QCOMPARE(modeOf(path), 0600);
    }

    void keychainRule_keychainWhenItWorks_elseThePrivateFile()
    {
        qunsetenv("JAVUMBO_TOKEN_STORE"); // the app's own choice
        AppProfileStore store(m_fixture->localProfiles(), makeSystemTokenStore(m_fixture->dataDirectory()));
        const Profile profile
            = signInThroughDialog(m_fixture->serverUrl().toString(), u"bea"_s, kPassword, &store);
        auto kept = store.tokens().load(AppProfileStore::tokenAccount(profile));
        QVERIFY(kept && kept->has_value());
        const QString token = kept->value();
        QVERIFY(!token.isEmpty());
        // tst_remoteprofiles_keychain runs this with a Secret Service (withkeychain.sh): no silent fallback.
        QVERIFY(keychainWorks() || qEnvironmentVariableIsEmpty("JAVUMBO_EXPECT_KEYCHAIN"));
        if (keychainWorks()) {
            QCOMPARE(filesContaining(token), QStringList()); // in the keychain, in no file
            QVERIFY(store.signOut(profile)); // and out of it again
            QVERIFY(!store.tokens().load(AppProfileStore::tokenAccount(profile))->has_value());
            return;
        }
        // Without a Secret Service (a headless machine, CI): the 0600 file.
        QCOMPARE(filesContaining(token), QStringList {tokenFilePath(m_fixture->dataDirectory())});
        QCOMPARE(modeOf(tokenFilePath(m_fixture->dataDirectory())), 0600);
    }

    void signOut_revokesTheTokenOnTheServer_andForgetsIt()
    {
        const Profile profile = openRemoteProfile();
        const QString token = keptToken(profile);
        QVERIFY(m_fixture->backend().sessions().validate(token));
        QAction *signOut = m_window->profileMenu()->signOutAction();
        QVERIFY(signOut->isEnabled());
        signOut->trigger();
        QTRY_VERIFY(keptToken(profile).isEmpty());
        QTRY_VERIFY(!m_fixture->backend().sessions().validate(token)); // the server refuses it
        QCOMPARE(m_fixture->backend().sessions().validate(token).error().code, ErrorCode::NotAuthenticated);
        QTRY_VERIFY(m_store->profiles()->last().hasPassword); // opening it again asks for the password
    }

    void serverRestart_theKeptTokenStillOpensTheProfile()
    {
        const Profile profile = signInThroughDialog(m_fixture->serverUrl().toString(), u"bea"_s, kPassword);
        QVERIFY(m_fixture->backend().decks().create(m_user, u"Spanish"_s));
        m_fixture->stopServer();
        QVERIFY(m_fixture->serverUrl().isValid()); // again, on the same port
        // The app starts again: a new store finds the profile and its token.
        AppProfileStore restarted(
            m_fixture->localProfiles(), makeSystemTokenStore(m_fixture->dataDirectory()));
        const Profile listed = restarted.profiles()->last();
        QVERIFY(!listed.hasPassword);
        auto client = restarted.open(listed);
        auto decks = client->decks();
        QVERIFY2(decks, qPrintable(decks ? QString() : decks.error().message));
        QVERIFY(std::any_of(decks->cbegin(), decks->cend(),
            [](const collection::DeckSummary &deck) { return deck.name == u"Spanish"_s; }));
        QCOMPARE(client->userId(), m_user);
        Q_UNUSED(profile)
    }

    void appRestart_opensTheLastRemoteProfileWithItsKeptToken_withoutAsking()
    {
        const Profile profile = openRemoteProfile(); // remembered as the last profile
        QVERIFY(m_fixture->backend().decks().create(m_user, u"French"_s));
        // The next start: a new store and menu over the same data directory and settings.
        AppProfileStore restarted(
            m_fixture->localProfiles(), makeSystemTokenStore(m_fixture->dataDirectory()));
        ClientContext context;
        QWidget parent;
        auto *menu = new ProfileMenu(&restarted, &context, &parent);
        bool asked = false;
        whenModalOpens([&asked](QWidget *dialog) {
            asked = true;
            QMetaObject::invokeMethod(dialog, "reject");
        });
        QVERIFY(menu->openStartupProfile(&parent));
        QVERIFY(!asked);
        QCOMPARE(menu->openedProfile()->key(), profile.key());
        auto decks = context.client()->decks();
        QVERIFY2(decks, qPrintable(decks ? QString() : decks.error().message));
        QVERIFY(std::any_of(decks->cbegin(), decks->cend(),
            [](const collection::DeckSummary &deck) { return deck.name == u"French"_s; }));
        context.setClient(nullptr);
    }

    void expiredSession_asksForThePassword_thenTheAddGoesOn()
    {
        const Profile profile = openRemoteProfile();
        AddCardDialog *dialog = openAddDialog();
        QVERIFY(dialog);
        QVERIFY(m_fixture->backend().sessions().logout(keptToken(profile))); // e.g. expired on the server
        bool asked = false;
        whenModalOpens([&asked](QWidget *signIn) {
            asked = true;
            auto *password = signIn->findChild<QLineEdit *>(u"unlockPassword"_s);
            QVERIFY(password);
            password->setText(kPassword);
            QMetaObject::invokeMethod(signIn, "accept");
        });
        type(dialog, u"la casa"_s, u"the house"_s);
        dialog->addCard();
        QTRY_COMPARE_WITH_TIMEOUT(dialog->addedCount(), 1, 15000);
        QVERIFY(asked);
        QCOMPARE(m_fixture->number(m_user, u"SELECT count(*) FROM notes WHERE flds LIKE 'la casa%'"_s), 1);
        QVERIFY(m_fixture->backend().sessions().validate(keptToken(profile))); // the new token is kept
    }

    void unreachableServer_showsOffline_andTheAddDialogKeepsTheText()
    {
        openRemoteProfile();
        AddCardDialog *dialog = openAddDialog();
        QVERIFY(dialog);
        QLabel *state = m_window->connection()->stateLabel();
        QVERIFY(state->isVisible());
        QVERIFY(!state->text().contains(u"Offline"_s));
        m_fixture->stopServer();
        type(dialog, u"el perro"_s, u"the dog"_s);
        dialog->addCard();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->connection()->isOffline(), 60000);
        QVERIFY(state->text().contains(u"Offline"_s));
        QTRY_VERIFY_WITH_TIMEOUT(dialog->findChild<QPushButton *>(u"add"_s)->isEnabled(), 60000);
        QCOMPARE(dialog->addedCount(), 0);
        QVERIFY(dialog->findChild<QLabel *>(u"addStatus"_s)->text().contains(u"cannot be reached"_s));
        QCOMPARE(dialog->findChild<QWidget *>(u"front"_s)->property("plainText").toString(), u"el perro"_s);
        QCOMPARE(dialog->findChild<QWidget *>(u"back"_s)->property("plainText").toString(), u"the dog"_s);
        // The server is back: the same text goes in once, and the state says so.
        QVERIFY(m_fixture->serverUrl().isValid());
        dialog->addCard();
        QTRY_COMPARE_WITH_TIMEOUT(dialog->addedCount(), 1, 15000);
        QTRY_VERIFY(!m_window->connection()->isOffline());
        QCOMPARE(m_fixture->number(m_user, u"SELECT count(*) FROM notes WHERE flds LIKE 'el perro%'"_s), 1);
    }

    // The browser's editor, like the Add dialog: an edit the server could not take stays, marked
    // unsaved, and is written once the server is back.
    void unreachableServer_theBrowserKeepsTheEditUntilTheServerTakesIt()
    {
        openRemoteProfile();
        const auto added = m_fixture->backend().cards().add(m_user, {u"comer"_s, u"to ea"_s, 1, {}, {}});
        QVERIFY(added);
        BrowserView *browser = m_window->browser();
        m_window->showPage(browser);
        browser->search(QString());
        QTRY_VERIFY(!browser->isLoading());
        browser->selectCard(added->cardId);
        QTRY_COMPARE(browser->editor()->cardId(), std::optional<qint64>(added->cardId));
        auto *back = browser->findChild<QWidget *>(u"editBack"_s);
        QVERIFY(back);
        QTRY_VERIFY(back->isEnabled());
        back->setFocus();
        QTest::keyClick(back, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(back, u"to eat"_s);
        QVERIFY(browser->editor()->isModified());

        m_fixture->stopServer();
        browser->editor()->save();
        auto *status = browser->findChild<QLabel *>(u"editorStatus"_s);
        QVERIFY(status);
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(u"cannot be reached"_s), 30000);
        QCOMPARE(back->property("plainText").toString(), u"to eat"_s);
        QVERIFY(browser->editor()->isModified());
        QVERIFY(m_fixture->serverUrl().isValid()); // back, on the same port
        browser->editor()->save();
        QTRY_COMPARE_WITH_TIMEOUT(
            m_fixture->number(
                m_user, u"SELECT count(*) FROM notes WHERE flds = 'comer' || char(31) || 'to eat'"_s),
            qint64(1), 15000);
    }

    void serverOfAnotherVersion_saysSoInTheWindow()
    {
        openRemoteProfile();
        auto *client = dynamic_cast<RemoteCollectionClient *>(m_fixture->context().client().get());
        QVERIFY(client);
        whenModalOpens([](QWidget *box) {
            QVERIFY(qobject_cast<QMessageBox *>(box)->text().contains(u"version 2"_s));
            qobject_cast<QMessageBox *>(box)->close();
        });
        // The session's signal as its /health check sends it (tests/remoteclient test the check itself).
        Q_EMIT client->session().serverIncompatible(u"The server speaks API version 2; update Javumbo."_s);
        QTRY_VERIFY(m_window->connection()->stateLabel()->text().contains(u"another version"_s));
    }
};

QTEST_MAIN(TestRemoteProfiles)
#include "tst_remoteprofiles.moc"
