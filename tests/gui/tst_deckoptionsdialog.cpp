// The deck options dialog as a student uses it: the deck's preset shown with
// how many decks share it, an edit saved into col.dconf for every deck of the
// preset, a new preset for one deck alone, and a value Anki refuses never saved.
#include "dialogs/deckoptionsdialog.h"
#include "dialogs/deckoptionsform.h"
#include "guifixture.h"
#include "testsupport.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::gui;

class TestDeckOptionsDialog : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<testsupport::GuiFixture> m_fixture;
    qint64 m_user = 0;
    qint64 m_spanish = 0;
    qint64 m_german = 0;

    QJsonObject preset(qint64 id) const
    {
        const QString dconf
            = testsupport::queryColumn(m_fixture->collectionPath(m_user), u"SELECT dconf FROM col"_s)
                  .value(0);
        return QJsonDocument::fromJson(dconf.toUtf8()).object().value(QString::number(id)).toObject();
    }
    std::unique_ptr<DeckOptionsDialog> open(qint64 deckId, const QString &name)
    {
        auto dialog = std::make_unique<DeckOptionsDialog>(&m_fixture->context(), deckId, name);
        dialog->show();
        if (!QTest::qWaitFor([&dialog] { return dialog->isLoaded() && !dialog->isBusy(); }))
            return nullptr;
        return dialog;
    }

private slots:
    void init()
    {
        m_fixture = std::make_unique<testsupport::GuiFixture>();
        m_user = m_fixture->openNewProfile(u"olga"_s).userId;
        m_spanish = m_fixture->backend().decks().create(m_user, u"Spanish"_s)->id;
        m_german = m_fixture->backend().decks().create(m_user, u"German"_s)->id;
    }
    void cleanup() { m_fixture.reset(); }

    void edit_isSavedForEveryDeckOfThePreset()
    {
        auto dialog = open(m_spanish, u"Spanish"_s);
        QVERIFY(dialog);
        QVERIFY(dialog->presetChooser()->currentText().contains(u"used by 3 decks"_s));
        QVERIFY(dialog->findChild<QLabel *>(u"presetUsedBy"_s)->text().contains(u"2 other decks"_s));
        auto *form = dialog->form();
        QCOMPARE(form->findChild<QLineEdit *>(u"learnSteps"_s)->text(), u"1m 10m"_s);
        form->findChild<QLineEdit *>(u"learnSteps"_s)->setText(u"30s 5m 1d"_s);
        form->findChild<QSpinBox *>(u"newPerDay"_s)->setValue(12);
        form->findChild<QDoubleSpinBox *>(u"startingEase"_s)->setValue(230);
        form->findChild<QDoubleSpinBox *>(u"easyBonus"_s)->setValue(140);
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"saveOptions"_s), Qt::LeftButton);
        QTRY_COMPARE(dialog->result(), int(QDialog::Accepted));

        const QJsonObject stored = preset(1);
        const QJsonObject newSection = stored.value(u"new"_s).toObject();
        QCOMPARE(newSection.value(u"perDay"_s).toInt(), 12);
        QCOMPARE(newSection.value(u"initialFactor"_s).toInt(), 2300);
        QCOMPARE(newSection.value(u"delays"_s).toArray().at(0).toDouble(), 0.5);
        QCOMPARE(newSection.value(u"delays"_s).toArray().at(2).toDouble(), 1440.0);
        QCOMPARE(stored.value(u"rev"_s).toObject().value(u"ease4"_s).toDouble(), 1.4);
        // German shares the preset: it studies with the same options.
        QCOMPARE(m_fixture->context().client()->deckOptions(m_german)->config.newPerDay, 12);
    }

    void addPreset_givesOneDeckItsOwnOptions()
    {
        auto dialog = open(m_german, u"German"_s);
        QVERIFY(dialog);
        dialog->addPreset(u"Slow"_s, false);
        QTRY_VERIFY(!dialog->isBusy() && dialog->presetChooser()->currentText().startsWith(u"Slow"_s));
        dialog->form()->findChild<QSpinBox *>(u"newPerDay"_s)->setValue(5);
        dialog->save();
        QTRY_COMPARE(dialog->result(), int(QDialog::Accepted));
        QCOMPARE(m_fixture->context().client()->deckOptions(m_german)->config.newPerDay, 5);
        QCOMPARE(m_fixture->context().client()->deckOptions(m_german)->name, u"Slow"_s);
        QCOMPARE(m_fixture->context().client()->deckOptions(m_spanish)->config.newPerDay, 20);
    }

    void unreadableSteps_areRefusedWithAClearMessageAndNothingIsSaved()
    {
        auto dialog = open(m_spanish, u"Spanish"_s);
        QVERIFY(dialog);
        const QString before
            = testsupport::queryColumn(m_fixture->collectionPath(m_user), u"SELECT dconf FROM col"_s)
                  .value(0);
        dialog->form()->findChild<QLineEdit *>(u"learnSteps"_s)->setText(u"1m ten minutes"_s);
        dialog->save();
        QVERIFY(dialog->isVisible());
        QVERIFY2(dialog->errorText().contains(u"Learning steps"_s), qPrintable(dialog->errorText()));
        QCOMPARE(
            testsupport::queryColumn(m_fixture->collectionPath(m_user), u"SELECT dconf FROM col"_s).value(0),
            before);
    }

    void fieldsAreLimitedToAnkisRanges()
    {
        auto dialog = open(m_spanish, u"Spanish"_s);
        QVERIFY(dialog);
        auto *ease = dialog->form()->findChild<QDoubleSpinBox *>(u"startingEase"_s);
        QCOMPARE(ease->minimum(), 131.0);
        QCOMPARE(ease->maximum(), 500.0);
        auto *hard = dialog->form()->findChild<QDoubleSpinBox *>(u"hardInterval"_s);
        QCOMPARE(hard->maximum(), 130.0);
        QCOMPARE(dialog->form()->findChild<QSpinBox *>(u"maximumInterval"_s)->maximum(), 36500);
        QCOMPARE(dialog->form()->findChild<QSpinBox *>(u"newPerDay"_s)->maximum(), 9999);
    }

    void dayCounts_readInTheRightNumber()
    {
        auto dialog = open(m_spanish, u"Spanish"_s);
        QVERIFY(dialog);
        auto *graduating = dialog->form()->findChild<QSpinBox *>(u"graduatingInterval"_s);
        graduating->setValue(1);
        QCOMPARE(graduating->text(), u"1 day"_s);
        graduating->setValue(4);
        QCOMPARE(graduating->text(), u"4 days"_s);
    }
};

QTEST_MAIN(TestDeckOptionsDialog)
#include "tst_deckoptionsdialog.moc"
