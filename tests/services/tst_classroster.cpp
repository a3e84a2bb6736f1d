#include "services/classroster.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;

// Reading a teacher's class list (core/services/classroster): each line alone, so one bad line
// never costs the others their accounts.
class TestClassRoster : public QObject
{
    Q_OBJECT

    static QStringList usernames(const Roster &roster)
    {
        QStringList names;
        for (const RosterEntry &entry : roster.entries)
            names.append(entry.username);
        return names;
    }

private slots:
    void commasQuotesAndAHeader()
    {
        const Roster roster = classroster::parse(u"\uFEFFUsername, Name, Email\r\n"
                                                 "ana.lopez, Ana López , ana@school.example\r\n"
                                                 "\r\n"
                                                 "ben.k,\"Kim, Ben\",ben@school.example\r\n"_s);
        QVERIFY(roster.problems.isEmpty());
        QCOMPARE(usernames(roster), (QStringList {u"ana.lopez"_s, u"ben.k"_s}));
        QCOMPARE(roster.entries.at(0).name, u"Ana López"_s);
        QCOMPARE(roster.entries.at(1).name, u"Kim, Ben"_s);
        QCOMPARE(roster.entries.at(1).line, 4);
    }

    void aSpreadsheetsTabsOrSemicolons()
    {
        QCOMPARE(usernames(classroster::parse(u"cleo\tCleo: the first\tcleo@school.example\n"_s)),
            QStringList {u"cleo"_s});
        QCOMPARE(classroster::parse(u"dan;Dan, Jr.;dan@school.example\n"_s).problems.size(), 1); // commas win
        const Roster semicolons = classroster::parse(u"dan;Dan Jr.;dan@school.example\n"_s);
        QCOMPARE(usernames(semicolons), QStringList {u"dan"_s});
    }

    void badLinesAreReportedWithTheirNumbers_andTheGoodOnesKept()
    {
        const Roster roster = classroster::parse(u"ok.one,One,one@school.example\n"
                                                 "x,Too Short,x@school.example\n"
                                                 "no.mail,No Mail,not-an-address\n"
                                                 "two.fields,two@school.example\n"
                                                 "OK.ONE,Again,again@school.example\n"
                                                 "ok.two,Two,ONE@school.example\n"
                                                 "ok.three,Three,three@school.example\n"_s);
        QCOMPARE(usernames(roster), (QStringList {u"ok.one"_s, u"ok.three"_s}));
        QList<int> lines;
        for (const RosterProblem &problem : roster.problems)
            lines.append(problem.line);
        QCOMPARE(lines, (QList<int> {2, 3, 4, 5, 6}));
        QVERIFY(roster.problems.at(0).message.contains(u"username"_s));
        QVERIFY(roster.problems.at(1).message.contains(u"email"_s));
        QVERIFY(roster.problems.at(2).message.contains(u"expected 3 fields"_s));
        QVERIFY(roster.problems.at(3).message.contains(u"already in the list"_s)); // ignoring case
        QVERIFY(roster.problems.at(4).message.contains(u"already in the list"_s));
        QCOMPARE(roster.problems.at(0).text, u"x, Too Short, x@school.example"_s);
    }

    void generatedPasswords_areLongEnoughAndNeverRepeat()
    {
        const QRegularExpression shape(
            u"^[a-km-zA-HJ-NP-Z2-9]{4}-[a-km-zA-HJ-NP-Z2-9]{4}-[a-km-zA-HJ-NP-Z2-9]{4}$"_s);
        QSet<QString> seen;
        for (int i = 0; i < 1000; ++i) {
            const QString password = classroster::generatePassword();
            QVERIFY2(shape.match(password).hasMatch(), qPrintable(password));
            QVERIFY(!password.contains(u'l') && !password.contains(u'O') && !password.contains(u'0'));
            seen.insert(password);
        }
        QCOMPARE(seen.size(), 1000);
    }

    void theCsvOfIssuedPasswords_quotesWhatNeedsIt()
    {
        const QString csv = classroster::issuedPasswordsCsv(
            {{u"ben.k"_s, u"Kim, Ben"_s, u"ben@school.example"_s, u"abcd-efgh-jkmn"_s},
                {u"eve"_s, u"Eve \"E\" Doe"_s, u"eve@school.example"_s, u"pqrs-tuvw-xyz2"_s}});
        QCOMPARE(csv,
            u"username,name,email,password\r\n"
            "ben.k,\"Kim, Ben\",ben@school.example,abcd-efgh-jkmn\r\n"
            "eve,\"Eve \"\"E\"\" Doe\",eve@school.example,pqrs-tuvw-xyz2\r\n"_s);
        // A passwords file pasted back as a class list is refused line by line (four fields), not half read.
        const Roster back = classroster::parse(csv);
        QVERIFY(back.entries.isEmpty());
        QCOMPARE(back.problems.size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestClassRoster)
#include "tst_classroster.moc"
