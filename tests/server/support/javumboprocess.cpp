#include "javumboprocess.h"

#include <QDeadlineTimer>
#include <QRegularExpression>

#include <algorithm>

#include <signal.h>

using namespace Qt::StringLiterals;

namespace javumbo::testsupport {

QString javumboBinary()
{
    return QStringLiteral(JAVUMBO_BINARY);
}

QProcessEnvironment childEnvironment()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    return environment;
}

QByteArray CommandResult::describe() const
{
    return "exit " + QByteArray::number(exitCode) + (finished ? "" : " (did not finish)") + "\n--- stdout:\n"
        + out + "\n--- stderr:\n" + err;
}

CommandResult runJavumbo(const QStringList &arguments, const QByteArray &input)
{
    QProcess process;
    process.setProcessEnvironment(childEnvironment());
    process.start(javumboBinary(), arguments);
    CommandResult result;
    if (!process.waitForStarted(kJavumboStartTimeoutMs))
        return result;
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    result.finished = process.waitForFinished(kJavumboExitTimeoutMs);
    if (!result.finished) {
        process.kill();
        process.waitForFinished(5000);
    }
    result.exitCode = process.exitCode();
    result.exitStatus = process.exitStatus();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

CommandResult addUserWithCli(const QString &dataDir, const QString &name)
{
    return runJavumbo(
        {u"users"_s, u"add"_s, name, u"--email"_s, name + u"@example.org"_s, u"--data-dir"_s, dataDir},
        "password-" + name.toUtf8() + '\n');
}

ServeProcess::ServeProcess()
{
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.setProcessEnvironment(childEnvironment());
}

ServeProcess::~ServeProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

void ServeProcess::start(const QStringList &serveArguments, const QStringList &launcher)
{
    QStringList arguments = QStringList {u"serve"_s, u"--port"_s, u"0"_s} + serveArguments;
    if (launcher.isEmpty()) {
        m_process.start(javumboBinary(), arguments);
        return;
    }
    arguments.prepend(javumboBinary());
    m_process.start(launcher.first(), launcher.mid(1) + arguments);
}

bool ServeProcess::waitListening(int timeoutMs)
{
    static const QRegularExpression listening(u"listening on http://[^\\s:]+:(\\d+)"_s);
    const QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        collect();
        const auto match = listening.match(QString::fromUtf8(m_out));
        if (match.hasMatch()) {
            m_port = quint16(match.captured(1).toUInt());
            return m_port != 0;
        }
        if (m_process.state() == QProcess::NotRunning || deadline.hasExpired())
            return false;
        m_process.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
    }
}

bool ServeProcess::waitFinished(int timeoutMs)
{
    const bool finished = m_process.state() == QProcess::NotRunning || m_process.waitForFinished(timeoutMs);
    collect();
    return finished;
}

void ServeProcess::signal(int number)
{
    ::kill(pid_t(m_process.processId()), number);
}

QByteArray ServeProcess::out()
{
    collect();
    return m_out;
}

QByteArray ServeProcess::err()
{
    collect();
    return m_err;
}

QByteArray ServeProcess::diagnostics()
{
    collect();
    return "exit code " + QByteArray::number(m_process.exitCode()) + ", state "
        + QByteArray::number(int(m_process.state())) + "\n--- stdout:\n" + m_out.right(2000)
        + "\n--- stderr:\n" + m_err.right(4000);
}

void ServeProcess::collect()
{
    m_out += m_process.readAllStandardOutput();
    m_err += m_process.readAllStandardError();
}

} // namespace javumbo::testsupport
