#include "storagebench.h"

#include "collection/usercollection.h"
#include "common/clock.h"
#include "locking/userlockregistry.h"
#include "storage/database.h"

#include <QElapsedTimer>
#include <QTemporaryDir>

#include <atomic>
#include <latch>
#include <thread>

using namespace Qt::StringLiterals;

namespace javumbo {

namespace {

enum class Locking
{
    None,
    Acquire, // each writer takes the user's lock itself
    Combining, // UserLockRegistry::run: the holder runs the queued adds (what the services do)
};

struct Run
{
    int threads = 1;
    int collections = 1;
    Locking locking = Locking::None;
    int cardsPerThread = 4000;
};

double addCardsPerSecond(const Run &run, int *failures)
{
    QTemporaryDir dir;
    SystemClock clock;
    QStringList paths;
    for (int c = 0; c < run.collections; ++c) {
        paths.append(dir.filePath(u"user_%1.db"_s.arg(c + 1)));
        if (!collection::UserCollection::create(paths.last(), clock))
            return 0;
    }
    UserLockRegistry registry;
    std::atomic<int> failed {0};
    std::latch start(run.threads + 1);
    std::vector<std::thread> threads;
    for (int t = 0; t < run.threads; ++t) {
        threads.emplace_back([&, t] {
            const int user = t % run.collections;
            collection::UserCollection collection(paths[user], clock);
            (void)collection.decks(); // open the connection before the clock starts
            start.arrive_and_wait();
            for (int i = 0; i < run.cardsPerThread; ++i) {
                const auto add = [&] {
                    if (!collection.addCard({u"front %1 %2"_s.arg(t).arg(i), u"back"_s, 1, {}}))
                        ++failed;
                };
                if (run.locking == Locking::Combining) {
                    if (!registry.run(user, std::chrono::seconds(30), add))
                        ++failed;
                    continue;
                }
                UserLockGuard guard;
                if (run.locking == Locking::Acquire)
                    guard = registry.acquire(user, std::chrono::seconds(30));
                add();
            }
            storage::Database::closeAllOnThisThread();
        });
    }
    QElapsedTimer timer;
    start.arrive_and_wait();
    timer.start();
    for (auto &thread : threads)
        thread.join();
    *failures = failed.load();
    return double(run.threads) * run.cardsPerThread / (double(timer.nsecsElapsed()) / 1e9);
}

} // namespace

void benchStorage(QTextStream &out)
{
    const struct
    {
        const char *label;
        Run run;
    } runs[] = {
        {"1 thread, 1 collection", {1, 1, Locking::None, 8000}},
        {"4 threads, 4 collections", {4, 4, Locking::None, 4000}},
        {"8 threads, 1 collection, lock registry", {8, 1, Locking::Acquire, 1500}},
        {"8 threads, 1 collection, lock registry, holder runs the queue", {8, 1, Locking::Combining, 1500}},
    };
    for (const auto &entry : runs) {
        int failures = 0;
        const double rate = addCardsPerSecond(entry.run, &failures);
        out << "add-card commits per second (" << entry.label << "): " << qRound64(rate)
            << " (failures: " << failures << ")\n";
        out.flush();
    }

    // review_next cost on a large collection: the day's limits cap every count.
    QTemporaryDir dir;
    SystemClock clock;
    const QString path = dir.filePath(u"big.db"_s);
    if (!collection::UserCollection::create(path, clock))
        return;
    collection::UserCollection big(path, clock);
    constexpr int kCards = 20000;
    for (int i = 0; i < kCards; ++i)
        (void)big.addCard({u"big %1"_s.arg(i), u"back"_s, 1, {}});
    constexpr int kRounds = 300;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < kRounds; ++i)
        (void)big.nextCard(1);
    out << "review next card, " << kCards
        << " new cards in the deck: " << QString::number(double(timer.nsecsElapsed()) / 1e6 / kRounds, 'f', 3)
        << " ms each\n";
    storage::Database::closeAllOnThisThread();
}

} // namespace javumbo
