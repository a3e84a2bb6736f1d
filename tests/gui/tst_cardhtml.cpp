// Card content is HTML, as in Anki: bold, lists and images from the media
// folder show; scripts, remote images and other remote references are inert
// (nothing is ever asked for but media files); the editor stores Anki's
// plain HTML, never Qt's document markup.
#include "editing/fieldhtml.h"
#include "editing/richfieldedit.h"
#include "guifixture.h"
#include "models/cardtablemodel.h"
#include "render/cardhtml.h"
#include "render/cardview.h"
#include "testsupport.h"
#include "views/browserview.h"
#include "views/cardeditor.h"

#include <QImage>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextFragment>
#include <QTextList>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::gui;

namespace {

// The image names a document laid out, and the images it holds.
QStringList imagesIn(const QTextDocument &document)
{
    QStringList names;
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            if (it.fragment().charFormat().isImageFormat())
                names.append(it.fragment().charFormat().toImageFormat().name());
        }
    }
    return names;
}

} // namespace

class TestCardHtml : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { testsupport::enterTestMode(); }

    void scriptsAndRemoteLoads_areInert()
    {
        QTemporaryDir media;
        QImage(8, 8, QImage::Format_RGB32).save(media.filePath(u"cat.png"_s));
        CardView view;
        view.setMediaDirectory(media.path());
        view.resize(400, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QString front
            = u"<b>Gato</b><script>document.title='owned'</script>"
              "<img src=\"http://tracker.example/pixel.gif\" onerror=\"alert(1)\">"
              "<img src=\"https://cdn.example/a.png\"><img src=\"//cdn.example/b.png\">"
              "<img src=\"file:///etc/passwd\"><img src=\"../../secret.png\">"
              "<img src=\"cat.png\"><a href=\"javascript:alert(2)\">link</a>"
              "<div style=\"background-image: url(http://x.example/bg.png)\">styled</div>"
              "<link rel=\"stylesheet\" href=\"http://x.example/s.css\"><iframe src=\"http://x.example\"></iframe>"_s;
        view.showCard(front, u"<ul><li>one</li><li>two</li></ul>"_s, true);
        QApplication::processEvents();
        view.grab(); // lays out and paints: every resource the document wants is asked for now

        for (const QUrl &url : view.resources().requested())
            QVERIFY2(url.isRelative() && url.host().isEmpty() && !url.toString().contains(u".."_s),
                qPrintable(u"asked for "_s + url.toString()));
        QCOMPARE(imagesIn(*view.document()), QStringList {u"cat.png"_s}); // only the media image is left
        QVERIFY(view.resources().requested().contains(QUrl(u"cat.png"_s)));
        const QString html = view.toHtml();
        for (const QString &gone : {u"script"_s, u"owned"_s, u"tracker"_s, u"cdn.example"_s, u"passwd"_s,
                 u"secret"_s, u"javascript"_s, u"alert"_s, u"x.example"_s})
            QVERIFY2(!html.contains(gone), qPrintable(gone));
        const QString text = view.toPlainText();
        QVERIFY(text.contains(u"Gato"_s));
        QVERIFY(text.contains(u"styled"_s));
        QVERIFY(text.contains(u"one"_s) && text.contains(u"two"_s));
        QVERIFY(text.contains(u"image not shown"_s));
    }

    void mediaResources_refuseAnythingOutsideTheFolder()
    {
        QTemporaryDir media;
        QTemporaryDir outside;
        QImage(4, 4, QImage::Format_RGB32).save(media.filePath(u"ok.png"_s));
        QImage(4, 4, QImage::Format_RGB32).save(outside.filePath(u"secret.png"_s));
        QFile::link(outside.filePath(u"secret.png"_s), media.filePath(u"link.png"_s));
        MediaResources resources;
        resources.setDirectory(media.path());
        QVERIFY(resources.load(QTextDocument::ImageResource, QUrl(u"ok.png"_s)).isValid());
        const QStringList refused {u"link.png"_s, u"../secret.png"_s, u"http://example.org/ok.png"_s,
            u"file://"_s + media.filePath(u"ok.png"_s), u"/etc/hostname"_s, u"data:image/png;base64,AAAA"_s};
        for (const QString &name : refused)
            QVERIFY2(!resources.load(QTextDocument::ImageResource, QUrl(name)).isValid(), qPrintable(name));
        QVERIFY(!resources.load(QTextDocument::StyleSheetResource, QUrl(u"ok.png"_s)).isValid());
    }

    void plainTextCards_keepTheirLineBreaksAndAngleBrackets()
    {
        CardView view;
        view.showCard(u"a < b\nand b > c"_s, QString(), false);
        QCOMPARE(view.toPlainText(), u"a < b\nand b > c"_s);
    }

    void answerSide_theRuleSeparatesFrontFromBack()
    {
        CardView view;
        view.showCard(u"<b>el gato</b>"_s, u"<b>the cat</b>"_s, true);
        QTextBlock rule = view.document()->begin();
        while (
            rule.isValid() && !rule.blockFormat().hasProperty(QTextFormat::BlockTrailingHorizontalRulerWidth))
            rule = rule.next();
        QVERIFY(rule.isValid());
        QCOMPARE(rule.text(), QString()); // the rule's block holds nothing: it is drawn between the sides
        QVERIFY(view.toPlainText().indexOf(u"el gato"_s) < view.toPlainText().indexOf(u"the cat"_s));
        QVERIFY(rule.next().text().contains(u"the cat"_s));
    }

    void editor_storesAnkisPlainHtml_data()
    {
        QTest::addColumn<QString>("stored");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << u"comer"_s << u"comer"_s;
        QTest::newRow("escaped") << u"Q&A <tags>"_s << u"Q&amp;A &lt;tags&gt;"_s;
        QTest::newRow("lines") << u"one\ntwo"_s << u"one<br>two"_s;
        QTest::newRow("bold italic underline")
            << u"<b>b</b> <i>i</i> <u>u</u>"_s << u"<b>b</b> <i>i</i> <u>u</u>"_s;
        QTest::newRow("list") << u"Verbs:<ul><li>ser</li><li>estar</li></ul>after"_s
                              << u"Verbs:<ul><li>ser</li><li>estar</li></ul>after"_s;
        QTest::newRow("numbered") << u"<ol><li>uno</li><li>dos</li></ol>"_s
                                  << u"<ol><li>uno</li><li>dos</li></ol>"_s;
        QTest::newRow("image") << u"<img src=\"cat.png\">"_s << u"<img src=\"cat.png\">"_s;
        QTest::newRow("anki divs") << u"<div>one</div><div>two</div>"_s << u"one<br>two"_s;
    }
    void editor_storesAnkisPlainHtml()
    {
        QFETCH(QString, stored);
        QFETCH(QString, expected);
        QTextDocument document;
        fieldhtml::toDocument(document, stored);
        QCOMPARE(fieldhtml::fromDocument(document), expected);
    }

    void editor_ctrlBIU_andLists_typeAnkisTags()
    {
        RichFieldEdit edit;
        edit.show();
        QVERIFY(QTest::qWaitForWindowActive(&edit));
        edit.setFocus();
        edit.setField(QString());
        QTest::keyClicks(&edit, u"plain "_s);
        QTest::keyClick(&edit, Qt::Key_B, Qt::ControlModifier);
        QTest::keyClicks(&edit, u"bold"_s);
        QTest::keyClick(&edit, Qt::Key_B, Qt::ControlModifier);
        QTest::keyClick(&edit, Qt::Key_I, Qt::ControlModifier);
        QTest::keyClicks(&edit, u" it"_s);
        QTest::keyClick(&edit, Qt::Key_I, Qt::ControlModifier);
        QTest::keyClick(&edit, Qt::Key_U, Qt::ControlModifier);
        QTest::keyClicks(&edit, u"u"_s);
        QTest::keyClick(&edit, Qt::Key_U, Qt::ControlModifier);
        QTest::keyClick(&edit, Qt::Key_Return);
        edit.bulletListAction()->trigger();
        QTest::keyClicks(&edit, u"first"_s);
        QTest::keyClick(&edit, Qt::Key_Return);
        QTest::keyClicks(&edit, u"second"_s);
        QVERIFY(edit.isModified());
        const QString field = edit.field();
        QCOMPARE(field, u"plain <b>bold</b><i> it</i><u>u</u><ul><li>first</li><li>second</li></ul>"_s);
        QVERIFY(!field.contains(u"<html"_s) && !field.contains(u"style="_s) && !field.contains(u"<span"_s));
    }

    void editor_unchangedField_isStoredAsItWas()
    {
        RichFieldEdit edit;
        const QString anki = u"<div class=\"x\">kept <span style=\"color: red\">as is</span></div>"_s;
        edit.setField(anki);
        QVERIFY(!edit.isModified());
        QCOMPARE(edit.field(), anki);
    }

    void browser_tableShowsTheFirstLineOfHtmlFields_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("shown");
        QTest::newRow("inline tags") << u"<b>bold</b> front<br>second line"_s << u"bold front"_s;
        QTest::newRow("a list after text") << u"<b>the cat</b><ul><li>el gato</li></ul>"_s << u"the cat"_s;
        QTest::newRow("Anki's divs") << u"<div>uno</div><div>dos</div>"_s << u"uno"_s;
    }
    void browser_tableShowsTheFirstLineOfHtmlFields()
    {
        QFETCH(QString, field);
        QFETCH(QString, shown);
        testsupport::GuiFixture fixture;
        const qint64 user = fixture.openNewProfile(u"hana"_s).userId;
        QVERIFY(fixture.backend().cards().add(user, {field, field, 1, {}, {}}));
        BrowserView browser(&fixture.context());
        browser.show();
        QTRY_COMPARE(browser.model()->rowCount(), 1);
        QCOMPARE(browser.table()->model()->index(0, CardTableModel::FrontColumn).data().toString(), shown);
        QCOMPARE(browser.table()->model()->index(0, CardTableModel::BackColumn).data().toString(), shown);
    }
};

QTEST_MAIN(TestCardHtml)
#include "tst_cardhtml.moc"
