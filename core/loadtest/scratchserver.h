#pragma once

#include "common/fault.h"
#include "common/result.h"
#include "loadtestrunner.h"

#include <functional>
#include <memory>

namespace javumbo::loadtest {

// A throw-away server for one run: started by whoever can (app/ builds one
// in-process; core cannot include the HTTP server), stopped and removed when
// the object dies.
class ScratchServer
{
public:
    virtual ~ScratchServer() = default;
    // Where it listens, its data directory (direct validation) and an admin
    // account for polling its locks.
    virtual RunTarget target() const = 0;
};

// Starts a scratch server with `fault` planted (Fault::None: a correct one).
// `cheapHashing`: a fast password hash, for short runs where PBKDF2 would
// dominate (the self-test).
using ScratchServerFactory
    = std::function<Result<std::unique_ptr<ScratchServer>>(Fault fault, bool cheapHashing)>;

} // namespace javumbo::loadtest
