#include "mediafolder.h"

#include "interoperrors.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace javumbo::interop::mediafolder {

namespace {

const QRegularExpression &htmlReference()
{
    static const QRegularExpression pattern(
        u"(<(?:img|audio|video|object|source)\\b[^>]*?\\b(?:src|data)\\s*=\\s*)(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))"_s,
        QRegularExpression::CaseInsensitiveOption);
    return pattern;
}

const QRegularExpression &soundReference()
{
    static const QRegularExpression pattern(u"\\[sound:([^\\]]+)\\]"_s);
    return pattern;
}

QString firstCaptured(const QRegularExpressionMatch &match, int from, int to)
{
    for (int i = from; i <= to; ++i) {
        if (match.capturedStart(i) >= 0)
            return match.captured(i);
    }
    return {};
}

} // namespace

QString forCollection(const QString &collectionPath)
{
    const QFileInfo info(collectionPath);
    return info.dir().filePath(info.completeBaseName() + u".media"_s);
}

Result<void> checkName(const QString &name)
{
    const bool unsafe = name.isEmpty() || name == u"."_s || name == u".."_s || name.contains(u'/')
        || name.contains(u'\\') || name.contains(u".."_s) || name.contains(QChar(0))
        || (name.size() >= 2 && name.at(1) == u':') || std::any_of(name.begin(), name.end(), [](QChar c) {
               return c.category() == QChar::Other_Control;
           });
    if (unsafe)
        return invalidPackage(
            u"the package names a media file \"%1\", which is not a plain file name (a package may"
            " not write outside the media folder)"_s.arg(QString(name).replace(QChar(0), u"\\0"_s)));
    return {};
}

QStringList referencesIn(const QString &field)
{
    QStringList names;
    if (!field.contains(u'<') && !field.contains(u"[sound:"_s))
        return names;
    for (auto it = htmlReference().globalMatch(field); it.hasNext();) {
        const QString name = firstCaptured(it.next(), 2, 4);
        if (!name.isEmpty() && !name.contains(u"://"_s))
            names.append(name);
    }
    for (auto it = soundReference().globalMatch(field); it.hasNext();)
        names.append(it.next().captured(1));
    return names;
}

QString renameReferences(const QString &field, const QHash<QString, QString> &renames)
{
    if (renames.isEmpty() || (!field.contains(u'<') && !field.contains(u"[sound:"_s)))
        return field;
    QString out;
    qsizetype last = 0;
    for (auto it = htmlReference().globalMatch(field); it.hasNext();) {
        const auto match = it.next();
        int group = 2;
        while (group <= 4 && match.capturedStart(group) < 0)
            ++group;
        const auto found = renames.constFind(match.captured(group));
        if (group > 4 || found == renames.constEnd())
            continue;
        out += QStringView(field).mid(last, match.capturedStart(group) - last) + *found;
        last = match.capturedEnd(group);
    }
    out += QStringView(field).mid(last);
    QString result;
    last = 0;
    for (auto it = soundReference().globalMatch(out); it.hasNext();) {
        const auto match = it.next();
        const auto found = renames.constFind(match.captured(1));
        if (found == renames.constEnd())
            continue;
        result += QStringView(out).mid(last, match.capturedStart(1) - last) + *found;
        last = match.capturedEnd(1);
    }
    result += QStringView(out).mid(last);
    return result;
}

Result<QString> uniqueName(
    const QString &name, const QByteArray &sha1, const std::function<Result<bool>(const QString &)> &taken)
{
    const qsizetype dot = name.lastIndexOf(u'.');
    const QString stem = dot > 0 ? name.left(dot) : name;
    const QString suffix = dot > 0 ? name.mid(dot) : QString();
    const QString hash = QString::fromLatin1(sha1.toHex());
    QString candidate = stem % u'-' % hash.left(8) % suffix;
    for (int n = 2;; ++n) {
        auto isTaken = taken(candidate);
        if (!isTaken)
            return isTaken.error();
        if (!isTaken.value())
            return candidate;
        candidate = stem % u'-' % hash.left(8) % u'-' % QString::number(n) % suffix;
    }
}

} // namespace javumbo::interop::mediafolder
