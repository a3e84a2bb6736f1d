#include "tokenstore.h"

#include "filetokenstore.h"
#include "keychaintokenstore.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

namespace {

// The keychain first, the private file when the keychain refuses (see makeSystemTokenStore).
class SystemTokenStore final : public TokenStore
{
public:
    enum class Mode
    {
        Either,
        FileOnly,
        KeychainOnly
    };

    SystemTokenStore(Mode mode, QString filePath) : m_mode(mode), m_file(std::move(filePath)) { }

    Result<void> save(const QString &account, const QString &token) override
    {
        if (m_mode != Mode::FileOnly) {
            auto saved = m_keychain.save(account, token);
            if (saved || m_mode == Mode::KeychainOnly) {
                if (saved)
                    (void)m_file.remove(account); // an older copy in the file goes
                return saved;
            }
        }
        if (auto saved = m_file.save(account, token); !saved)
            return saved;
        if (m_mode != Mode::FileOnly)
            (void)m_keychain.remove(account); // best effort: it just refused a write
        return {};
    }

    Result<std::optional<QString>> load(const QString &account) override
    {
        if (m_mode != Mode::FileOnly) {
            auto token = m_keychain.load(account);
            if (m_mode == Mode::KeychainOnly || (token && token->has_value()))
                return token;
        }
        return m_file.load(account);
    }

    Result<void> remove(const QString &account) override
    {
        if (m_mode != Mode::FileOnly) {
            auto removed = m_keychain.remove(account);
            if (m_mode == Mode::KeychainOnly)
                return removed;
        }
        return m_file.remove(account);
    }

private:
    const Mode m_mode;
    KeychainTokenStore m_keychain;
    FileTokenStore m_file;
};

} // namespace

QString tokenFilePath(const QString &dataDirectory)
{
    return QDir(dataDirectory).filePath(u"tokens.json"_s);
}

std::unique_ptr<TokenStore> makeSystemTokenStore(const QString &dataDirectory)
{
    const QString choice = qEnvironmentVariable("JAVUMBO_TOKEN_STORE");
    const auto mode = choice == u"file"_s ? SystemTokenStore::Mode::FileOnly
        : choice == u"keychain"_s         ? SystemTokenStore::Mode::KeychainOnly
                                          : SystemTokenStore::Mode::Either;
    return std::make_unique<SystemTokenStore>(mode, tokenFilePath(dataDirectory));
}

} // namespace javumbo::gui
