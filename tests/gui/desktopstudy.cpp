// The desktop app as a command-line puppet for tests/web/alternate.mjs: the
// real app's object graph (DesktopSession: MainWindow with its deck list,
// study and statistics views, the profile store with remote profiles) on a
// scratch data directory, signed in to a server the way a student does (the
// profile dialog, "On a server"), then driven through its widgets, never raw
// HTTP. One command a line on stdin, one JSON line of results on stdout:
//
//   javumbo_desktopstudy --server URL --username NAME --password PASSWORD
//   counts DECK      the New / Learn / Due columns the deck list shows for DECK
//   study DECK       choose DECK in the deck list and press Return (the study page opens)
//   answer N EASE    N times: Space (show the answer), then the key EASE (1-4)
//   undo             Ctrl+Z in the study view
//   stats            the Statistics page for the whole collection
//   quit
//
// A failed command answers {"error": "..."}; the process goes on.
#include "client/clientcontext.h"
#include "client/profilestore.h"
#include "desktopsession.h"
#include "dialogs/profiledialog.h"
#include "mainwindow.h"
#include "models/decktreemodel.h"
#include "profilemenu.h"
#include "testsupport.h"
#include "views/decklistview.h"
#include "views/reviewview.h"
#include "views/statsview.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QTreeView>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::gui;

namespace {

constexpr int kWaitMs = 15000; // one server round trip or a few, on a loaded machine

struct Failure
{
    QString message;
};

template<typename Condition>
void waitFor(Condition condition, const QString &what)
{
    if (!QTest::qWaitFor(condition, kWaitMs))
        throw Failure {u"timed out waiting for "_s + what};
}

void print(const QJsonObject &object)
{
    std::fputs(QJsonDocument(object).toJson(QJsonDocument::Compact).append('\n').constData(), stdout);
    std::fflush(stdout);
}

class DesktopStudy
{
public:
    explicit DesktopStudy(MainWindow &window) : m_window(window), m_review(*window.review()) { }

    QJsonObject run(const QStringList &words)
    {
        const QString command = words.value(0);
        if (command == u"counts"_s && words.size() >= 2)
            return deckCounts(words.mid(1).join(u' '));
        if (command == u"study"_s && words.size() >= 2)
            return study(words.mid(1).join(u' '));
        if (command == u"answer"_s && words.size() == 3)
            return answer(words[1].toInt(), words[2].toInt());
        if (command == u"undo"_s)
            return undo();
        if (command == u"stats"_s)
            return stats();
        throw Failure {u"unknown command: "_s + words.join(u' ')};
    }

private:
    // The deck list as the student sees it, after a refresh that has landed.
    QModelIndex showDeck(const QString &name)
    {
        DeckListView *decks = m_window.deckList();
        m_window.showPage(decks);
        decks->refresh();
        waitFor([decks] { return !decks->isLoading(); }, u"the deck list"_s);
        const QModelIndexList found = decks->model()->match(decks->model()->index(0, 0),
            DeckTreeModel::FullNameRole, name, 1, Qt::MatchExactly | Qt::MatchRecursive);
        if (found.isEmpty())
            throw Failure {u"the deck list shows no deck "_s + name};
        return found.first();
    }

    QJsonObject deckCounts(const QString &name)
    {
        const QModelIndex deck = showDeck(name);
        // "–" is how the list shows zero.
        auto column = [&deck](int at) {
            const QString text = deck.siblingAtColumn(at).data().toString();
            return text == u"–"_s ? 0 : text.toInt();
        };
        return {{u"new"_s, column(DeckTreeModel::NewColumn)},
            {u"learning"_s, column(DeckTreeModel::LearningColumn)},
            {u"review"_s, column(DeckTreeModel::DueColumn)}};
    }

    QJsonObject study(const QString &name)
    {
        const QModelIndex deck = showDeck(name);
        auto *tree = m_window.deckList()->findChild<QTreeView *>();
        tree->setCurrentIndex(deck);
        tree->setFocus();
        QTest::keyClick(tree, Qt::Key_Return);
        waitFor([this] { return m_window.currentPage() == &m_review && settled(); }, u"the study page"_s);
        return reviewState();
    }

    QJsonObject answer(int times, int ease)
    {
        if (ease < 1 || ease > 4)
            throw Failure {u"ease must be 1-4"_s};
        for (int i = 0; i < times; ++i) {
            if (m_review.stage() != ReviewView::Stage::Question)
                throw Failure {u"no card to answer after %1 answers"_s.arg(i)};
            QTest::keyClick(&m_review, Qt::Key_Space);
            if (m_review.stage() != ReviewView::Stage::Answer)
                throw Failure {u"Space did not show the answer"_s};
            QTest::keyClick(&m_review, Qt::Key(Qt::Key_1 + ease - 1));
            waitFor([this] { return settled(); }, u"the answer to be recorded"_s);
            if (!m_review.statusText().isEmpty())
                throw Failure {u"the study view says: "_s + m_review.statusText()};
        }
        return reviewState();
    }

    QJsonObject undo()
    {
        const int depth = m_review.undoDepth();
        if (depth == 0)
            throw Failure {u"the study view has nothing to undo"_s};
        QTest::keyClick(&m_review, Qt::Key_Z, Qt::ControlModifier);
        waitFor([this, depth] { return settled() && m_review.undoDepth() == depth - 1; }, u"the undo"_s);
        if (!m_review.statusText().startsWith(u"Undid answer."_s))
            throw Failure {u"after Ctrl+Z the study view says: "_s + m_review.statusText()};
        return reviewState();
    }

    QJsonObject stats()
    {
        StatsView *view = m_window.statistics();
        m_window.showPage(view);
        view->setDeck(0); // the whole collection; refreshes
        waitFor([view] { return !view->isLoading(); }, u"the statistics"_s);
        const collection::DeckStatsReport &report = view->report();
        return {{u"reviews_today"_s, report.reviewsToday}, {u"cards"_s, report.cards},
            {u"new_cards"_s, report.newCards}, {u"learning_cards"_s, report.learningCards},
            {u"review_cards"_s, report.reviewCards},
            {u"summary"_s, view->findChild<QLabel *>(u"todaySummary"_s)->text()}};
    }

    bool settled() const
    {
        const ReviewView::Stage stage = m_review.stage();
        return stage == ReviewView::Stage::Question || stage == ReviewView::Stage::Finished;
    }

    // What the study view shows: its counts line ("New 3 · Learning 1 · Due 0"), the card, the undo depth.
    QJsonObject reviewState() const
    {
        const QString line = m_review.findChild<QLabel *>(u"reviewCounts"_s)->text();
        static const QRegularExpression numbers(u"^New (\\d+) · Learning (\\d+) · Due (\\d+)$"_s);
        const QRegularExpressionMatch counts = numbers.match(line);
        if (!counts.hasMatch())
            throw Failure {u"the study view's counts read: "_s + line};
        return {{u"finished"_s, m_review.stage() == ReviewView::Stage::Finished},
            {u"card_id"_s, m_review.currentCardId().value_or(0)}, {u"new"_s, counts.captured(1).toInt()},
            {u"learning"_s, counts.captured(2).toInt()}, {u"review"_s, counts.captured(3).toInt()},
            {u"undo_depth"_s, m_review.undoDepth()}};
    }

    MainWindow &m_window;
    ReviewView &m_review;
};

// The profile dialog's "On a server", as a student fills it in; the profile it lists.
std::optional<Profile> signIn(hosting::DesktopSession &session, const QCommandLineParser &options)
{
    ProfileDialog dialog(&session.profiles(), &session.context().worker(), false);
    dialog.show();
    dialog.findChild<QRadioButton *>(u"profileRemote"_s)->click();
    dialog.findChild<QLineEdit *>(u"serverUrl"_s)->setText(options.value(u"server"_s));
    dialog.findChild<QLineEdit *>(u"serverUsername"_s)->setText(options.value(u"username"_s));
    dialog.findChild<QLineEdit *>(u"serverPassword"_s)->setText(options.value(u"password"_s));
    dialog.accept();
    if (!QTest::qWaitFor([&dialog] { return dialog.createdProfile().has_value(); }, kWaitMs)) {
        print({{u"error"_s,
            QString(u"sign-in failed: "_s + dialog.findChild<QLabel *>(u"profileStatus"_s)->text())}});
        return std::nullopt;
    }
    return dialog.createdProfile();
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("JAVUMBO_TOKEN_STORE", "file"); // never the user's keychain
    QApplication app(argc, argv);
    QCommandLineParser options;
    options.addOptions({{u"server"_s, u"server URL"_s, u"url"_s}, {u"username"_s, u"account"_s, u"name"_s},
        {u"password"_s, u"its password"_s, u"password"_s}});
    options.process(app);

    // Nothing of the user's: settings, data directory and token file all in a scratch folder.
    testsupport::enterTestMode();
    QTemporaryDir scratch;
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, scratch.filePath(u"settings"_s));
    SystemClock clock;
    auto session = hosting::DesktopSession::open(scratch.filePath(u"data"_s), clock);
    if (!session) {
        print({{u"error"_s, session.error().message}});
        return 1;
    }
    MainWindow &window = session.value()->window();
    const std::optional<Profile> profile = signIn(*session.value(), options);
    if (!profile)
        return 1;
    window.profileMenu()->openProfile(*profile);
    window.show();
    window.activateWindow(); // the study view's shortcuts work only in the active window
    if (!QTest::qWaitForWindowActive(&window)) {
        print({{u"error"_s, u"the main window never became active"_s}});
        return 1;
    }
    print({{u"ready"_s, true}, {u"user_id"_s, profile->userId}, {u"remote"_s, profile->isRemote()}});

    DesktopStudy desktop(window);
    QTextStream input(stdin);
    for (QString line; input.readLineInto(&line);) {
        const QStringList words = line.split(u' ', Qt::SkipEmptyParts);
        if (words.isEmpty())
            continue;
        if (words.first() == u"quit"_s)
            break;
        try {
            print(desktop.run(words));
        } catch (const Failure &failure) {
            print({{u"error"_s, failure.message}});
        }
    }
    return 0;
}
