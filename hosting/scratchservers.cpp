#include "scratchservers.h"

#include "api/embeddedserver.h"

using namespace Qt::StringLiterals;

namespace javumbo::hosting {

namespace {

// A load test's throw-away server: the embedded server and what the run needs to know of it.
class ScratchServer final : public loadtest::ScratchServer
{
public:
    ScratchServer(std::unique_ptr<server::EmbeddedServer> server, Fault fault) : m_server(std::move(server))
    {
        m_target.port = m_server->port();
        m_target.dataDir = m_server->dataDir();
        m_target.description = u"embedded (%1)"_s.arg(m_server->url().toString());
        m_target.fault = fault == Fault::None ? QString() : faultName(fault);
        // An admin lets the run chart the server's lock waits; the run works without one.
        if (auto admin = m_server->createAdmin(u"loadtest.admin"_s))
            std::tie(m_target.adminUsername, m_target.adminPassword) = *admin;
    }

    loadtest::RunTarget target() const override { return m_target; }

private:
    std::unique_ptr<server::EmbeddedServer> m_server;
    loadtest::RunTarget m_target;
};

} // namespace

loadtest::ScratchServerFactory scratchServerFactory()
{
    return [](Fault fault, bool cheapHashing) -> Result<std::unique_ptr<loadtest::ScratchServer>> {
        server::EmbeddedServer::Options options;
        options.backend.fault = fault;
        // Scratch data is thrown away: a cheap password hash keeps a
        // registration burst about the server, not PBKDF2 (self-test, CI).
        if (cheapHashing)
            options.backend.hashing = PasswordHasher::Options {1000, true};
        auto started = server::EmbeddedServer::start(options);
        if (!started)
            return makeError(
                started.error().code, u"cannot start the embedded server: "_s + started.error().message);
        return std::unique_ptr<loadtest::ScratchServer>(
            std::make_unique<ScratchServer>(std::move(started).value(), fault));
    };
}

} // namespace javumbo::hosting
