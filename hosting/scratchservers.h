#pragma once

#include "loadtest/scratchserver.h"

namespace javumbo::hosting {

// Starts the load tester's scratch servers (CLI, self-test, GUI dashboard):
// each a server::EmbeddedServer on a fresh data directory, with an
// administrator account so the run can chart the server's lock waits. The
// server library stays free of the load tester; this is where they meet.
loadtest::ScratchServerFactory scratchServerFactory();

} // namespace javumbo::hosting
