#include "deckoptionsform.h"

#include "models/stepstext.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QSpinBox>

#include <cmath>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

namespace {

QWidget *page(QTabWidget *tabs, const QString &title, QFormLayout *&form)
{
    auto *widget = new QWidget(tabs);
    form = new QFormLayout(widget);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    tabs->addTab(widget, title);
    return widget;
}

} // namespace

DeckOptionsForm::DeckOptionsForm(QWidget *parent)
    : QTabWidget(parent)
    , m_learnSteps(new QLineEdit(this))
    , m_graduating(days(u"graduatingInterval"_s, 1, 9999))
    , m_easyInterval(days(u"easyInterval"_s, 1, 9999))
    , m_startingEase(percent(u"startingEase"_s, 131, 500))
    , m_newPerDay(count(u"newPerDay"_s, 0, 9999))
    , m_reviewsPerDay(count(u"reviewsPerDay"_s, 0, 9999))
    , m_easyBonus(percent(u"easyBonus"_s, 100, 500))
    , m_intervalModifier(percent(u"intervalModifier"_s, 50, 200))
    , m_hardInterval(percent(u"hardInterval"_s, 50, 130))
    , m_maximumInterval(days(u"maximumInterval"_s, 1, 36500))
    , m_relearnSteps(new QLineEdit(this))
    , m_newInterval(percent(u"newInterval"_s, 0, 100))
    , m_minimumInterval(days(u"minimumInterval"_s, 1, 9999))
    , m_leechThreshold(count(u"leechThreshold"_s, 1, 9999))
    , m_leechAction(new QComboBox(this))
    , m_maxAnswerSeconds(count(u"maxAnswerSeconds"_s, 1, 7200))
{
    m_learnSteps->setObjectName(u"learnSteps"_s);
    m_relearnSteps->setObjectName(u"relearnSteps"_s);
    for (QLineEdit *steps : {m_learnSteps, m_relearnSteps}) {
        steps->setPlaceholderText(u"e.g. 1m 10m 1d (none: straight to review)"_s);
        connect(steps, &QLineEdit::textEdited, this, &DeckOptionsForm::edited);
    }
    m_leechAction->setObjectName(u"leechAction"_s);
    m_leechAction->addItem(u"Suspend card"_s, 0);
    m_leechAction->addItem(u"Tag only"_s, 1);
    connect(m_leechAction, &QComboBox::activated, this, &DeckOptionsForm::edited);
    m_maxAnswerSeconds->setSuffix(u" s"_s);

    QFormLayout *form = nullptr;
    page(this, u"New cards"_s, form);
    form->addRow(u"Learning steps:"_s, m_learnSteps);
    form->addRow(u"Graduating interval:"_s, m_graduating);
    form->addRow(u"Easy interval:"_s, m_easyInterval);
    form->addRow(u"Starting ease:"_s, m_startingEase);
    form->addRow(u"New cards/day:"_s, m_newPerDay);
    page(this, u"Reviews"_s, form);
    form->addRow(u"Maximum reviews/day:"_s, m_reviewsPerDay);
    form->addRow(u"Easy bonus:"_s, m_easyBonus);
    form->addRow(u"Interval modifier:"_s, m_intervalModifier);
    form->addRow(u"Hard interval:"_s, m_hardInterval);
    form->addRow(u"Maximum interval:"_s, m_maximumInterval);
    page(this, u"Lapses"_s, form);
    form->addRow(u"Relearning steps:"_s, m_relearnSteps);
    form->addRow(u"New interval:"_s, m_newInterval);
    form->addRow(u"Minimum interval:"_s, m_minimumInterval);
    form->addRow(u"Leech threshold:"_s, m_leechThreshold);
    form->addRow(u"Leech action:"_s, m_leechAction);
    page(this, u"General"_s, form);
    form->addRow(u"Maximum answer seconds:"_s, m_maxAnswerSeconds);
}

QSpinBox *DeckOptionsForm::count(const QString &name, int minimum, int maximum)
{
    auto *box = new QSpinBox(this);
    box->setObjectName(name);
    box->setRange(minimum, maximum);
    connect(box, &QSpinBox::valueChanged, this, &DeckOptionsForm::edited);
    return box;
}

QSpinBox *DeckOptionsForm::days(const QString &name, int minimum, int maximum)
{
    QSpinBox *box = count(name, minimum, maximum);
    // "1 day", "4 days": the suffix follows the number (set before the first value, which is 0).
    auto suffix = [box](int value) { box->setSuffix(value == 1 ? u" day"_s : u" days"_s); };
    suffix(box->value());
    connect(box, &QSpinBox::valueChanged, box, suffix);
    return box;
}

QDoubleSpinBox *DeckOptionsForm::percent(const QString &name, double minimum, double maximum)
{
    auto *box = new QDoubleSpinBox(this);
    box->setObjectName(name);
    box->setRange(minimum, maximum);
    box->setDecimals(0);
    box->setSuffix(u"%"_s);
    connect(box, &QDoubleSpinBox::valueChanged, this, &DeckOptionsForm::edited);
    return box;
}

void DeckOptionsForm::setConfig(const scheduling::DeckConfig &config)
{
    const QSignalBlocker blocker(this); // loading is not editing
    m_learnSteps->setText(formatSteps(config.learnSteps));
    m_graduating->setValue(config.graduatingInterval);
    m_easyInterval->setValue(config.easyInterval);
    m_startingEase->setValue(config.initialFactor / 10.0);
    m_newPerDay->setValue(config.newPerDay);
    m_reviewsPerDay->setValue(config.reviewsPerDay);
    m_easyBonus->setValue(double(config.easyBonus) * 100.0);
    m_intervalModifier->setValue(double(config.intervalModifier) * 100.0);
    m_hardInterval->setValue(double(config.hardFactor) * 100.0);
    m_maximumInterval->setValue(config.maximumInterval);
    m_relearnSteps->setText(formatSteps(config.relearnSteps));
    m_newInterval->setValue(double(config.lapseMultiplier) * 100.0);
    m_minimumInterval->setValue(config.minimumInterval);
    m_leechThreshold->setValue(config.leechThreshold);
    m_leechAction->setCurrentIndex(std::max(0, m_leechAction->findData(config.leechAction)));
    m_maxAnswerSeconds->setValue(config.maxAnswerSeconds);
}

Result<scheduling::DeckConfig> DeckOptionsForm::config() const
{
    scheduling::DeckConfig config;
    const auto learn = parseSteps(m_learnSteps->text());
    if (!learn)
        return makeError(ErrorCode::InvalidOptions,
            u"Learning steps: write each step as a number with s, m, h or d, e.g. “1m 10m 1d”."_s);
    const auto relearn = parseSteps(m_relearnSteps->text());
    if (!relearn)
        return makeError(ErrorCode::InvalidOptions,
            u"Relearning steps: write each step as a number with s, m, h or d, e.g. “10m”."_s);
    config.learnSteps = *learn;
    config.relearnSteps = *relearn;
    config.graduatingInterval = m_graduating->value();
    config.easyInterval = m_easyInterval->value();
    config.initialFactor = int(std::lround(m_startingEase->value() * 10.0));
    config.newPerDay = m_newPerDay->value();
    config.reviewsPerDay = m_reviewsPerDay->value();
    config.easyBonus = float(m_easyBonus->value() / 100.0);
    config.intervalModifier = float(m_intervalModifier->value() / 100.0);
    config.hardFactor = float(m_hardInterval->value() / 100.0);
    config.maximumInterval = m_maximumInterval->value();
    config.lapseMultiplier = float(m_newInterval->value() / 100.0);
    config.minimumInterval = m_minimumInterval->value();
    config.leechThreshold = m_leechThreshold->value();
    config.leechAction = m_leechAction->currentData().toInt();
    config.maxAnswerSeconds = m_maxAnswerSeconds->value();
    return config;
}

} // namespace javumbo::gui
