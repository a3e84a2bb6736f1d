#include "interoperrors.h"

using namespace Qt::StringLiterals;

namespace javumbo::interop {

Error invalidPackage(const QString &what)
{
    return makeError(ErrorCode::InvalidPackage,
        what % u". Export the deck again from Anki (File > Export, \"Anki Deck Package\") and retry"_s);
}

Error unsupportedPackage(const QString &what)
{
    return makeError(ErrorCode::UnsupportedPackage, what);
}

Error invalidCsv(const QString &what, qint64 line)
{
    const QString where = line > 0 ? u"line %1: "_s.arg(line) : QString();
    return makeError(ErrorCode::InvalidCsv,
        where % what
            % u". Save the file as UTF-8 text with one note per line, fields separated by tabs or commas"
              " and quoted with \" where they contain the separator, a quote or a line break"_s);
}

} // namespace javumbo::interop
