#include "strictjson.h"

using namespace Qt::StringLiterals;

namespace javumbo::server {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// The 66 noncharacters (U+FDD0..U+FDEF, and the last two of every plane): valid scalar values,
// but SQLite turns U+FFFE and U+FFFF into U+FFFD when it reads them back, so a card would not
// hold what its answer said. None has a use in a flashcard.
bool isNoncharacter(uint codePoint)
{
    return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
}

QString noncharacterProblem(uint codePoint)
{
    return u"noncharacter U+"_s + QString::number(codePoint, 16).toUpper().rightJustified(4, u'0')
        + u" is not accepted"_s;
}

// A recursive-descent reader that only says whether the text is JSON, and where it is not.
class Checker
{
public:
    Checker(QByteArrayView text, int maxDepth) : m_text(text), m_maxDepth(maxDepth) { }

    std::optional<JsonSyntaxError> run()
    {
        skipWhitespace();
        if (value(0)) {
            skipWhitespace();
            if (m_pos < m_text.size())
                fail(u"unexpected data after the JSON value"_s);
        }
        return m_error;
    }

private:
    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_pos]; }

    bool fail(const QString &problem)
    {
        if (m_error)
            return false;
        const QByteArrayView before = m_text.first(std::min(m_pos, m_text.size()));
        const qsizetype line = before.count('\n') + 1;
        const qsizetype column = m_pos - (before.lastIndexOf('\n') + 1) + 1;
        m_error = JsonSyntaxError {
            m_pos, u"%1 at offset %2 (line %3, column %4)"_s.arg(problem).arg(m_pos).arg(line).arg(column)};
        return false;
    }

    void skipWhitespace()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r'))
            ++m_pos;
    }

    bool value(int depth)
    {
        if (atEnd())
            return fail(u"unexpected end of the body"_s);
        switch (peek()) {
        case '{':
            return container(depth, '}');
        case '[':
            return container(depth, ']');
        case '"':
            return string();
        case 't':
            return literal("true");
        case 'f':
            return literal("false");
        case 'n':
            return literal("null");
        default:
            if (peek() == '-' || isDigit(peek()))
                return number();
            return fail(u"expected a JSON value"_s);
        }
    }

    // An object (close '}') or an array (close ']').
    bool container(int depth, char close)
    {
        if (depth >= m_maxDepth)
            return fail(u"nested deeper than %1 levels"_s.arg(m_maxDepth));
        ++m_pos;
        skipWhitespace();
        if (peek() == close) {
            ++m_pos;
            return true;
        }
        while (true) {
            if (close == '}') {
                if (peek() != '"')
                    return fail(u"expected a member name in quotes"_s);
                if (!string())
                    return false;
                skipWhitespace();
                if (peek() != ':')
                    return fail(u"expected ':' after a member name"_s);
                ++m_pos;
                skipWhitespace();
            }
            if (!value(depth + 1))
                return false;
            skipWhitespace();
            if (peek() == close) {
                ++m_pos;
                return true;
            }
            if (peek() != ',')
                return fail(close == '}' ? u"expected ',' or '}'"_s : u"expected ',' or ']'"_s);
            ++m_pos;
            skipWhitespace();
        }
    }

    bool literal(QByteArrayView word)
    {
        if (!m_text.sliced(m_pos).startsWith(word))
            return fail(u"expected a JSON value"_s);
        m_pos += word.size();
        return true;
    }

    bool digits()
    {
        if (!isDigit(peek()))
            return fail(u"expected a digit"_s);
        while (isDigit(peek()))
            ++m_pos;
        return true;
    }

    bool number()
    {
        if (peek() == '-')
            ++m_pos;
        if (peek() == '0') {
            ++m_pos;
            if (isDigit(peek()))
                return fail(u"a number may not have a leading zero"_s);
        } else if (!digits()) {
            return false;
        }
        if (peek() == '.') {
            ++m_pos;
            if (!digits())
                return false;
        }
        if (peek() == 'e' || peek() == 'E') {
            ++m_pos;
            if (peek() == '+' || peek() == '-')
                ++m_pos;
            if (!digits())
                return false;
        }
        return true;
    }

    bool string()
    {
        ++m_pos; // the opening quote
        while (true) {
            if (atEnd())
                return fail(u"unterminated string"_s);
            const auto c = static_cast<unsigned char>(peek());
            if (c == '"') {
                ++m_pos;
                return true;
            }
            if (c < 0x20)
                return fail(
                    u"unescaped control character U+%1 in a string"_s.arg(uint(c), 4, 16, QChar(u'0')));
            if (c == '\\') {
                if (!escape())
                    return false;
            } else if (c >= 0x80) {
                if (!utf8Sequence())
                    return false;
            } else {
                ++m_pos;
            }
        }
    }

    // Four hex digits after "\u" at m_pos + 2; -1 when malformed.
    int unicodeEscape(qsizetype at) const
    {
        if (at + 6 > m_text.size() || m_text[at] != '\\' || m_text[at + 1] != 'u')
            return -1;
        int code = 0;
        for (qsizetype i = at + 2; i < at + 6; ++i) {
            const int digit = hexValue(m_text[i]);
            if (digit < 0)
                return -1;
            code = code * 16 + digit;
        }
        return code;
    }

    bool escape()
    {
        if (m_pos + 1 >= m_text.size())
            return fail(u"unterminated string"_s);
        const char kind = m_text[m_pos + 1];
        if (QByteArrayView("\"\\/bfnrt").contains(kind)) {
            m_pos += 2;
            return true;
        }
        if (kind != 'u')
            return fail(u"invalid escape \\%1"_s.arg(QChar::fromLatin1(kind)));
        const int code = unicodeEscape(m_pos);
        if (code < 0)
            return fail(u"\\u must be followed by four hex digits"_s);
        if (code >= 0xDC00 && code <= 0xDFFF)
            return fail(
                u"lone low surrogate \\u%1 (not a Unicode character)"_s.arg(code, 4, 16, QChar(u'0')));
        if (code >= 0xD800 && code <= 0xDBFF) {
            const int low = unicodeEscape(m_pos + 6);
            if (low < 0xDC00 || low > 0xDFFF)
                return fail(
                    u"lone high surrogate \\u%1 (not a Unicode character)"_s.arg(code, 4, 16, QChar(u'0')));
            const uint codePoint = 0x10000 + ((uint(code) - 0xD800) << 10) + (uint(low) - 0xDC00);
            if (isNoncharacter(codePoint))
                return fail(noncharacterProblem(codePoint));
            m_pos += 12;
            return true;
        }
        if (isNoncharacter(uint(code)))
            return fail(noncharacterProblem(uint(code)));
        m_pos += 6;
        return true;
    }

    // One multi-byte UTF-8 sequence (RFC 3629 §4) starting at m_pos.
    bool utf8Sequence()
    {
        const auto byte = [this](qsizetype i) {
            return m_pos + i < m_text.size() ? static_cast<unsigned char>(m_text[m_pos + i]) : 0u;
        };
        const unsigned lead = byte(0);
        int length = 0;
        unsigned low = 0x80, high = 0xBF; // the range of the second byte
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            if (lead == 0xE0)
                low = 0xA0; // no overlong forms
            else if (lead == 0xED)
                high = 0x9F; // no UTF-16 surrogates
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            if (lead == 0xF0)
                low = 0x90;
            else if (lead == 0xF4)
                high = 0x8F; // nothing above U+10FFFF
        } else {
            return fail(u"invalid UTF-8 byte 0x%1"_s.arg(lead, 2, 16, QChar(u'0')));
        }
        uint codePoint = lead & (0x7F >> length);
        for (int i = 1; i < length; ++i) {
            const unsigned next = byte(i);
            const bool inRange = i == 1 ? (next >= low && next <= high) : (next >= 0x80 && next <= 0xBF);
            if (!inRange) {
                m_pos += i;
                return fail(u"invalid UTF-8 sequence"_s);
            }
            codePoint = (codePoint << 6) | (next & 0x3F);
        }
        if (isNoncharacter(codePoint))
            return fail(noncharacterProblem(codePoint));
        m_pos += length;
        return true;
    }

    QByteArrayView m_text;
    int m_maxDepth;
    qsizetype m_pos = 0;
    std::optional<JsonSyntaxError> m_error;
};

} // namespace

std::optional<JsonSyntaxError> checkJsonSyntax(QByteArrayView text, int maxDepth)
{
    return Checker(text, maxDepth).run();
}

} // namespace javumbo::server
