#include "storagebench.h"

#include "common/clock.h"
#include "locking/userlockregistry.h"
#include "storage/database.h"
#include "storage/usercollection.h"

#include <QElapsedTimer>
#include <QTemporaryDir>

#include <atomic>
#include <latch>
#include <thread>

using namespace Qt::StringLiterals;

namespace javumbo {

namespace {

struct Run
{
    int threads = 1;
    int collections = 1;
    bool throughRegistry = false;
    int cardsPerThread = 4000;
};

double addCardsPerSecond(const Run &run, int *failures)
{
    QTemporaryDir dir;
    SystemClock clock;
    QStringList paths;
    for (int c = 0; c < run.collections; ++c) {
        paths.append(dir.filePath(u"user_%1.db"_s.arg(c + 1)));
        if (!storage::UserCollection::create(paths.last(), clock))
            return 0;
    }
    UserLockRegistry registry;
    std::atomic<int> failed {0};
    std::latch start(run.threads + 1);
    std::vector<std::thread> threads;
    for (int t = 0; t < run.threads; ++t) {
        threads.emplace_back([&, t] {
            const int user = t % run.collections;
            storage::UserCollection collection(paths[user], clock);
            (void)collection.decks(); // open the connection before the clock starts
            start.arrive_and_wait();
            for (int i = 0; i < run.cardsPerThread; ++i) {
                UserLockGuard guard;
                if (run.throughRegistry)
                    guard = registry.acquire(user, std::chrono::seconds(30));
                if (!collection.addCard({u"front %1 %2"_s.arg(t).arg(i), u"back"_s, 1, {}}))
                    ++failed;
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
        {"1 thread, 1 collection", {1, 1, false, 8000}},
        {"4 threads, 4 collections", {4, 4, false, 4000}},
        {"8 threads, 1 collection, lock registry", {8, 1, true, 1500}},
    };
    for (const auto &entry : runs) {
        int failures = 0;
        const double rate = addCardsPerSecond(entry.run, &failures);
        out << "add-card commits per second (" << entry.label << "): " << qRound64(rate)
            << " (failures: " << failures << ")\n";
        out.flush();
    }
}

} // namespace javumbo
