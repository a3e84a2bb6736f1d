#pragma once

#include <QByteArray>
#include <QProcess>
#include <QStringList>

namespace javumbo::testsupport {

// The `javumbo` binary this build made, and the tests that start it as
// operators do: short commands run to completion, and `javumbo serve` in a
// process of its own. Every wait has a deadline; none is a sleep.

inline constexpr int kJavumboStartTimeoutMs = 15000;
inline constexpr int kJavumboExitTimeoutMs = 30000;

QString javumboBinary();
// The test's environment with the offscreen platform, so no child needs a display.
QProcessEnvironment childEnvironment();

// How a short `javumbo …` command ended.
struct CommandResult
{
    int exitCode = -1;
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    bool finished = false;
    QByteArray out;
    QByteArray err;
    // Exit code and both outputs, for failure messages.
    QByteArray describe() const;
};

// Runs `javumbo <arguments>` to completion, feeding `input` on stdin; kills it
// after kJavumboExitTimeoutMs (finished is then false).
CommandResult runJavumbo(const QStringList &arguments, const QByteArray &input = {});

// `javumbo users add NAME --email NAME@example.org --data-dir DIR` with the
// password "password-NAME" on stdin.
CommandResult addUserWithCli(const QString &dataDir, const QString &name);

// One `javumbo serve --port 0 …` child process, killed if still running at the end.
class ServeProcess
{
public:
    ServeProcess();
    ~ServeProcess();
    ServeProcess(const ServeProcess &) = delete;
    ServeProcess &operator=(const ServeProcess &) = delete;

    // `launcher`, when given, runs the binary: its first item is the program
    // and the rest its arguments before the binary's path (setpriv …).
    void start(const QStringList &serveArguments, const QStringList &launcher = {});
    // Waits for "… listening on http://HOST:PORT …"; false when the process
    // ended first or the deadline passed.
    bool waitListening(int timeoutMs = kJavumboStartTimeoutMs);
    bool waitFinished(int timeoutMs = kJavumboExitTimeoutMs);

    void signal(int number);
    QProcess &process() { return m_process; }
    qint64 pid() const { return m_process.processId(); }
    quint16 port() const { return m_port; }
    QByteArray out();
    QByteArray err();
    // Exit code, state and the ends of both outputs, for failure messages.
    QByteArray diagnostics();

private:
    void collect();

    QProcess m_process;
    QByteArray m_out;
    QByteArray m_err;
    quint16 m_port = 0;
};

} // namespace javumbo::testsupport
