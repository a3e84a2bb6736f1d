#include "screenshottour.h"

#include "client/clientcontext.h"
#include "client/profilestore.h"
#include "dialogs/deckoptionsdialog.h"
#include "dialogs/profiledialog.h"
#include "hosting/bindaddresschoice.h"
#include "hosting/classaccountsview.h"
#include "hosting/issuedpasswordsdialog.h"
#include "hosting/serverpanel.h"
#include "loadtest/loadtestform.h"
#include "loadtest/loadtestpage.h"
#include "mainwindow.h"
#include "models/cardtablemodel.h"
#include "models/decktreemodel.h"
#include "profilemenu.h"
#include "theme.h"
#include "views/browserview.h"
#include "views/decklistview.h"
#include "views/reviewview.h"
#include "views/statsview.h"

#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkInterface>
#include <QNetworkReply>
#include <QPainter>
#include <QPainterPath>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace javumbo::tools {

using namespace javumbo::gui;

namespace {

constexpr int kPollMs = 50;
constexpr int kMaxAttempts = 2400; // 2 min: a load test registers accounts with real password hashing
constexpr qint64 kDayMs = 86400 * 1000LL;
constexpr int kHistoryDays = 21;
const QSize kWindowSize(1280, 800);
const QSize kSmallWindowSize(800, 600);

struct SampleCard
{
    const char *deck;
    const char *front;
    const char *back;
    const char *tags;
};

const SampleCard kSample[] = {
    {"Spanish::Verbs", "hablar", "to speak", "verbs ar"},
    {"Spanish::Verbs", "comer", "to eat", "verbs er"},
    {"Spanish::Verbs", "vivir", "to live", "verbs ir"},
    {"Spanish::Verbs", "tener", "to have", "verbs irregular"},
    {"Spanish::Verbs", "ir", "to go", "verbs irregular"},
    {"Spanish::Verbs", "ser", "to be (permanent)", "verbs irregular"},
    {"Spanish::Verbs", "estar", "to be (temporary)", "verbs irregular"},
    {"Spanish::Nouns", "la casa", "the house", "nouns"},
    {"Spanish::Nouns", "el perro", "the dog", "nouns animals"},
    {"Spanish::Nouns", "el libro", "the book", "nouns"},
    {"Spanish::Nouns", "la ciudad", "the city", "nouns"},
    {"Geography", "Capital of Australia?", "Canberra", "capitals"},
    {"Geography", "Longest river in Africa?", "The Nile (about 6,650 km)", "rivers"},
    {"Geography", "Highest mountain on Earth?", "Mount Everest, 8,849 m", "mountains"},
    {"Geography", "Capital of Canada?", "Ottawa", "capitals"},
    {"Geography", "Smallest country by area?", "Vatican City", "countries"},
};

const SampleCard kAddedToday[] = {
    {"Spanish::Verbs", "hacer", "to do, to make", "verbs irregular"},
    {"Spanish::Verbs", "decir", "to say, to tell", "verbs irregular"},
    {"Spanish::Verbs", "poder", "to be able to, can", "verbs irregular"},
    {"Spanish::Verbs", "querer", "to want, to love", "verbs irregular"},
    {"Spanish::Verbs", "saber", "to know (a fact)", "verbs irregular"},
    {"Spanish::Nouns", "el árbol", "the tree", "nouns"},
    {"Geography", "Capital of Kenya?", "Nairobi", "capitals"},
};

} // namespace

ScreenshotTour::ScreenshotTour(gui::MainWindow *window, gui::ProfileStore *profiles,
    gui::ClientContext *context, ClockSetter setClock, QString outputDir, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_profiles(profiles)
    , m_context(context)
    , m_setClock(std::move(setClock))
    , m_outputDir(std::move(outputDir))
{
    addStandardShots();
    addThemeAndSmallScreenShots();
    addLoadTestShots();
    addRemoteProfileShot();
}

void ScreenshotTour::addShot(const QString &name, std::function<void()> prepare, std::function<bool()> ready,
    std::function<QWidget *()> target)
{
    m_shots.append(Shot {name, std::move(prepare), std::move(ready), std::move(target)});
}

// A card as imported decks bring them: HTML with bold, a list and a picture from the media folder.
bool ScreenshotTour::addPictureCard(CollectionClient &client)
{
    auto deck = client.createDeck(u"Spanish::Animals"_s);
    if (!deck) {
        fail(deck.error().message);
        return false;
    }
    m_pictureDeck = deck->id;
    QImage picture(220, 150, QImage::Format_ARGB32_Premultiplied);
    picture.fill(QColor(u"#fff3d6"_s));
    QPainter painter(&picture);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(QColor(u"#5a3b1a"_s), 3));
    painter.setBrush(QColor(u"#f0a040"_s));
    QPainterPath ears;
    ears.addPolygon(QPolygonF({{70, 60}, {80, 18}, {105, 48}}));
    ears.addPolygon(QPolygonF({{150, 60}, {140, 18}, {115, 48}}));
    painter.drawPath(ears);
    painter.drawEllipse(QPointF(110, 82), 52, 46);
    painter.setBrush(QColor(u"#2d6a4f"_s));
    painter.drawEllipse(QPointF(92, 74), 7, 9);
    painter.drawEllipse(QPointF(128, 74), 7, 9);
    painter.setBrush(QColor(u"#d0487a"_s));
    painter.drawPolygon(QPolygonF({{104, 92}, {116, 92}, {110, 100}}));
    painter.drawLine(QPointF(60, 96), QPointF(95, 98));
    painter.drawLine(QPointF(160, 96), QPointF(125, 98));
    painter.end();
    if (!QDir().mkpath(client.mediaDirectory())
        || !picture.save(QDir(client.mediaDirectory()).filePath(u"gato.png"_s))) {
        fail(u"cannot write the sample picture into %1"_s.arg(client.mediaDirectory()));
        return false;
    }
    const collection::NewCard card {u"<b>el gato</b><br><img src=\"gato.png\">"_s,
        u"<b>the cat</b><ul><li><i>el</i> gato: masculine</li><li>plural: <u>los gatos</u></li></ul>"_s,
        deck->id, {u"nouns"_s, u"animals"_s}, {}};
    if (auto added = client.addCard(card); !added) {
        fail(added.error().message);
        return false;
    }
    return true;
}

bool ScreenshotTour::idle() const
{
    return m_context->worker().pendingCount() == 0;
}

// Runs on the UI thread before anything is shown: a tool mode, so blocking calls are fine here.
bool ScreenshotTour::populate()
{
    auto profile = m_profiles->createProfile(u"sample"_s, QString());
    if (!profile) {
        fail(u"cannot create the sample profile: %1"_s.arg(profile.error().message));
        return false;
    }
    std::shared_ptr<CollectionClient> client = m_profiles->open(profile.value());
    const qint64 realNow = QDateTime::currentMSecsSinceEpoch();
    if (m_setClock)
        m_setClock(realNow - kHistoryDays * kDayMs);
    QHash<QString, qint64> decks;
    for (const SampleCard &card : kSample) {
        const QString deck = QString::fromUtf8(card.deck);
        if (!decks.contains(deck)) {
            auto created = client->createDeck(deck);
            if (!created) {
                fail(created.error().message);
                return false;
            }
            decks.insert(deck, created->id);
        }
        collection::NewCard newCard {QString::fromUtf8(card.front), QString::fromUtf8(card.back),
            decks.value(deck), QString::fromUtf8(card.tags).split(u' '), {}};
        if (auto added = client->addCard(newCard); !added) {
            fail(added.error().message);
            return false;
        }
    }
    // Weeks of study, a few cards a day, so the charts have history and a forecast.
    // Ease by card and day: mostly Good, some Again and Easy, as a real student answers.
    if (m_setClock) {
        auto all = client->decks();
        if (!all) {
            fail(all.error().message);
            return false;
        }
        QList<qint64> topLevel;
        for (const auto &deck : all.value()) {
            if (!deck.name.contains(u"::"_s) && deck.id != 1)
                topLevel.append(deck.id);
        }
        for (int day = 0; day < kHistoryDays; ++day) {
            m_setClock(realNow - (kHistoryDays - 1 - day) * kDayMs);
            for (qint64 deck : topLevel) {
                // Today only a little, so cards are left to show in the review shots.
                const int perDay = day == kHistoryDays - 1 ? 2 : 5;
                for (int i = 0; i < perDay; ++i) {
                    auto next = client->nextCard(deck);
                    if (!next || !next.value())
                        break;
                    const int ease = (day + i) % 7 == 0 ? 1 : (day + i) % 5 == 0 ? 4 : 3;
                    collection::AnswerRequest answer {next.value()->card.cardId, ease, 4000 + 500 * i, {}};
                    if (auto answered = client->answer(answer); !answered) {
                        fail(answered.error().message);
                        return false;
                    }
                }
            }
        }
        m_setClock(realNow);
    }
    if (!addPictureCard(*client))
        return false;
    // Cards added today, so the deck list and the review have new cards to show.
    for (const SampleCard &card : kAddedToday) {
        collection::NewCard newCard {QString::fromUtf8(card.front), QString::fromUtf8(card.back),
            decks.value(QString::fromUtf8(card.deck)), QString::fromUtf8(card.tags).split(u' '), {}};
        if (auto added = client->addCard(newCard); !added) {
            fail(added.error().message);
            return false;
        }
    }
    // And a first look at two of them, so today has reviews and cards in learning.
    for (int i = 0; i < 2 && m_setClock; ++i) {
        auto next = client->nextCard(decks.value(u"Spanish::Verbs"_s));
        if (next && next.value())
            (void)client->answer({next.value()->card.cardId, 3, 6000, {}});
    }
    m_window->profileMenu()->openProfile(profile.value());
    return true;
}

void ScreenshotTour::addStandardShots()
{
    addShot(
        u"decks"_s, [this] { m_window->showPage(m_window->deckList()); },
        [this] { return idle() && !m_window->deckList()->isLoading(); });
    addShot(
        u"review-front"_s,
        [this] {
            // The deck of the card with HTML and a picture, so the shot shows how cards render.
            m_window->review()->startDeck(m_pictureDeck, u"Spanish::Animals"_s);
            m_window->showPage(m_window->review());
        },
        [this] { return idle() && m_window->review()->stage() == ReviewView::Stage::Question; });
    addShot(
        u"review-answer"_s, [this] { m_window->review()->showAnswer(); },
        [this] { return m_window->review()->stage() == ReviewView::Stage::Answer; });
    addDeckOptionsShot(u"deck-options"_s);
    addShot(
        u"browser"_s,
        [this] {
            m_window->showPage(m_window->browser());
            m_window->browser()->search(u"deck:Spanish"_s);
        },
        [this] {
            return idle() && !m_window->browser()->isLoading()
                && m_window->browser()->model()->rowCount() > 0;
        });
    addShot(
        u"statistics"_s,
        [this] {
            m_window->showPage(m_window->statistics());
            m_window->statistics()->refresh();
        },
        [this] { return idle() && !m_window->statistics()->isLoading(); });
    addServerShots();
}

// The teacher's panel: served on this machine's network (so the address and its QR code are what
// students would use), a little traffic, a class added, and the passwords dialog shown once.
void ScreenshotTour::addServerShots()
{
    addShot(
        u"server"_s,
        [this] {
            ServerPanel *panel = m_window->serverPanel();
            m_window->showPage(panel);
            const auto networks = BindAddressChoice::networkAddresses(QNetworkInterface::allInterfaces());
            ServerSettings settings; // port 0, any free port: 8700 may be taken
            settings.bindAddress = networks.isEmpty() ? u"127.0.0.1"_s : networks.first().second.toString();
            settings.port = 0;
            settings.registrationOpen = false; // the class's accounts come from the teacher
            panel->setSettings(settings);
            panel->start();
            panel->showClassAccounts();
            panel->classAccounts()->addStudents(u"username,name,email\n"
                                                "ana.lopez,Ana López,ana.lopez@school.example\n"
                                                "ben.kim,Ben Kim,ben.kim@school.example\n"
                                                "chloe.n,Chloé Nguyen,chloe.n@school.example\n"
                                                "dev.patel,Dev Patel,dev.patel@school.example\n"
                                                "eli,Eli Cohen,eli@school\n"
                                                "femi.o,Femi Okafor,femi.o@school.example\n"_s);
            // A little traffic, so the figures show something.
            auto *network = new QNetworkAccessManager(this);
            for (const QString &path : {u"api/v1/health"_s, u"api/v1/health"_s, u"api/v1/decks"_s,
                     u"api/v1/health"_s, u"api/v1/me"_s, u"api/v1/health"_s}) {
                QNetworkReply *reply
                    = network->get(QNetworkRequest(panel->studentUrl().resolved(QUrl(path))));
                connect(reply, &QNetworkReply::finished, this, [this, reply] {
                    ++m_requestsSent;
                    reply->deleteLater();
                });
            }
        },
        [this] {
            const ServerPanel *panel = m_window->serverPanel();
            const ClassAccountsView *accounts = panel->classAccounts();
            return m_requestsSent >= 6 && panel->lastSnapshot().accessLogTail.size() >= 6
                && panel->lastSnapshot().running && !accounts->isBusy() && accounts->accounts().size() >= 5
                && accounts->issuedDialog();
        },
        [this]() -> QWidget * {
            m_window->serverPanel()->classAccounts()->issuedDialog()->hide(); // shot on its own next
            return m_window;
        });
    addShot(
        u"class-passwords"_s, [this] { m_window->serverPanel()->classAccounts()->issuedDialog()->show(); },
        [this] { return m_window->serverPanel()->classAccounts()->issuedDialog()->isVisible(); },
        [this]() -> QWidget * { return m_window->serverPanel()->classAccounts()->issuedDialog(); });
    addShot(
        u"server-activity"_s,
        [this] {
            if (IssuedPasswordsDialog *dialog = m_window->serverPanel()->classAccounts()->issuedDialog())
                dialog->close();
            m_window->serverPanel()->findChild<QTabWidget *>(u"serverTabs"_s)->setCurrentIndex(0);
        },
        [this] { return !m_window->serverPanel()->classAccounts()->issuedDialog(); });
}

// The options of the Spanish deck, as Decks → Options shows them.
void ScreenshotTour::addDeckOptionsShot(const QString &name)
{
    addShot(
        name,
        [this] {
            DeckListView *decks = m_window->deckList();
            const QModelIndex spanish
                = decks->model()->match(decks->model()->index(0, 0), Qt::DisplayRole, u"Spanish"_s).value(0);
            const qint64 deckId = spanish.data(DeckTreeModel::DeckIdRole).toLongLong();
            m_optionsDialog = new DeckOptionsDialog(m_context, deckId ? deckId : 1, u"Spanish"_s, m_window);
            m_optionsDialog->setAttribute(Qt::WA_DeleteOnClose);
            m_optionsDialog->show();
        },
        [this] { return idle() && m_optionsDialog && m_optionsDialog->isLoaded(); },
        [this] { return m_optionsDialog.data(); });
    // Closed by the next shot's preparation, which runs after the grab.
    addShot(
        name + u"-closed"_s, [this] { m_optionsDialog->close(); }, [this] { return !m_optionsDialog; },
        [] { return nullptr; });
}

// The dark theme, and the main views in an 800×600 window (a small laptop).
void ScreenshotTour::addThemeAndSmallScreenShots()
{
    addShot(
        u"review-answer-dark"_s,
        [this] {
            applyTheme(Theme::Dark);
            m_window->showPage(m_window->review());
        },
        [this] { return m_window->review()->stage() == ReviewView::Stage::Answer; });
    addShot(
        u"decks-dark"_s, [this] { m_window->showPage(m_window->deckList()); },
        [this] { return idle() && !m_window->deckList()->isLoading(); });
    addDeckOptionsShot(u"deck-options-dark"_s);
    addShot(
        u"review-answer-800x600"_s,
        [this] {
            applyTheme(savedTheme()); // back to what the app started with
            m_window->resize(kSmallWindowSize);
            m_window->showPage(m_window->review());
        },
        [this] {
            return m_window->size() == kSmallWindowSize
                && m_window->review()->stage() == ReviewView::Stage::Answer;
        });
    addShot(
        u"decks-800x600"_s, [this] { m_window->showPage(m_window->deckList()); },
        [this] { return idle() && !m_window->deckList()->isLoading(); });
    addShot(
        u"browser-800x600"_s, [this] { m_window->showPage(m_window->browser()); },
        [this] { return idle() && !m_window->browser()->isLoading(); });
    addShot(
        u"statistics-800x600"_s, [this] { m_window->showPage(m_window->statistics()); },
        [this] { return idle() && !m_window->statistics()->isLoading(); });
    addShot(
        u"server-800x600"_s, [this] { m_window->showPage(m_window->serverPanel()); }, [] { return true; });
    addShot(
        u"back-to-1280x800"_s, [this] { m_window->resize(kWindowSize); },
        [this] { return m_window->size() == kWindowSize; }, [] { return nullptr; });
}

void ScreenshotTour::addLoadTestShots()
{
    auto *dashboard = qobject_cast<LoadTestPage *>(m_window->loadTestPage());
    if (!dashboard)
        return;
    // A short run with think times, so there is a "during" to show.
    auto profile = loadtest::LoadProfile::quick();
    profile.users = 10;
    profile.writers.thinkMs = {150, 400};
    profile.reviewers.thinkMs = {150, 400};
    addShot(
        u"loadtest-running"_s,
        [this, dashboard, profile] {
            m_window->serverPanel()->stop();
            m_window->showPage(dashboard);
            dashboard->form()->setProfile(profile);
            dashboard->form()->setFault(Fault::None);
            dashboard->run();
        },
        [dashboard] { return dashboard->isRunning() && dashboard->chartPoints() >= 4; });
    addShot(
        u"loadtest-finished"_s, [] {},
        [dashboard] { return !dashboard->isRunning() && dashboard->verdictText() == u"PASS"_s; });
    addShot(
        u"loadtest-fault"_s,
        [dashboard] {
            auto quick = loadtest::LoadProfile::quick();
            dashboard->form()->setProfile(quick);
            dashboard->form()->setFault(Fault::SharedSessionSlot);
            dashboard->run();
        },
        [dashboard] { return !dashboard->isRunning() && dashboard->verdictText() == u"FAIL"_s; });
}

// Profile → New profile… "On a server", filled in as a student would before signing in.
void ScreenshotTour::addRemoteProfileShot()
{
    addShot(
        u"profile-remote"_s,
        [this] {
            m_profileDialog = new ProfileDialog(m_profiles, &m_context->worker(), false, m_window);
            m_profileDialog->setAttribute(Qt::WA_DeleteOnClose);
            m_profileDialog->setRemote(true);
            m_profileDialog->findChild<QLineEdit *>(u"serverUrl"_s)->setText(u"https://class.example.org"_s);
            m_profileDialog->findChild<QLineEdit *>(u"serverUsername"_s)->setText(u"maria"_s);
            m_profileDialog->findChild<QLineEdit *>(u"serverPassword"_s)->setText(u"password"_s);
            m_profileDialog->show();
            m_profileDialog->findChild<QLineEdit *>(u"serverUrl"_s)->deselect();
            m_profileDialog->findChild<QLineEdit *>(u"serverPassword"_s)->setFocus(); // as just typed
        },
        [this] { return m_profileDialog && m_profileDialog->isVisible(); },
        [this] { return m_profileDialog.data(); });
    addShot(
        u"profile-remote-closed"_s, [this] { m_profileDialog->close(); }, [this] { return !m_profileDialog; },
        [] { return nullptr; });
}

void ScreenshotTour::start()
{
    QDir().mkpath(m_outputDir);
    if (!populate())
        return;
    m_window->resize(kWindowSize);
    m_window->show();
    m_index = 0;
    QTimer::singleShot(0, this, &ScreenshotTour::next);
}

void ScreenshotTour::next()
{
    if (m_index >= m_shots.size()) {
        m_window->serverPanel()->stop();
        Q_EMIT finished(0);
        return;
    }
    const Shot &shot = m_shots.at(m_index);
    shot.prepare();
    waitFor(shot, 0);
}

void ScreenshotTour::waitFor(const Shot &shot, int attempt)
{
    if (!shot.ready()) {
        if (attempt >= kMaxAttempts)
            return fail(u"timed out waiting for the %1 view"_s.arg(shot.name));
        QTimer::singleShot(kPollMs, this, [this, shot, attempt] { waitFor(shot, attempt + 1); });
        return;
    }
    QApplication::processEvents(); // layouts settle before the grab
    QWidget *target = shot.target ? shot.target() : m_window;
    if (target) { // a step without a target only changes the window between shots
        const QString file = QDir(m_outputDir).filePath(shot.name + u".png"_s);
        if (!target->grab().save(file))
            return fail(u"cannot write %1"_s.arg(file));
        m_saved.append(file);
    }
    ++m_index;
    QTimer::singleShot(0, this, &ScreenshotTour::next);
}

void ScreenshotTour::fail(const QString &message)
{
    qWarning("screenshots: %s", qPrintable(message));
    Q_EMIT finished(1);
}

} // namespace javumbo::tools
