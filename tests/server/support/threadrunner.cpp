#include "threadrunner.h"

#include <latch>
#include <thread>
#include <vector>

namespace javumbo::testsupport {

void runThreads(int count, const std::function<void(int index)> &work)
{
    std::latch start(count);
    std::vector<std::jthread> threads;
    threads.reserve(size_t(count));
    for (int i = 0; i < count; ++i) {
        threads.emplace_back([&, i] {
            start.arrive_and_wait();
            work(i);
        });
    }
}

} // namespace javumbo::testsupport
