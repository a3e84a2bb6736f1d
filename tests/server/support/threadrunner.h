#pragma once

#include <functional>

namespace javumbo::testsupport {

// Runs work(0) … work(count - 1) on `count` threads of their own, released
// together (a latch) so they really overlap, and returns when all are done.
void runThreads(int count, const std::function<void(int index)> &work);

} // namespace javumbo::testsupport
