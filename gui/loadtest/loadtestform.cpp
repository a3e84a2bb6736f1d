#include "loadtestform.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

namespace {

QSpinBox *spinBox(int minimum, int maximum, const QString &suffix = {})
{
    auto *box = new QSpinBox;
    box->setRange(minimum, maximum);
    box->setSuffix(suffix);
    return box;
}

QWidget *pair(QWidget *first, QWidget *second)
{
    auto *row = new QWidget;
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(first);
    layout->addWidget(new QLabel(u"to"_s));
    layout->addWidget(second);
    return row;
}

QString rampText(const QList<int> &ramp)
{
    QStringList parts;
    for (int stage : ramp)
        parts.append(QString::number(stage));
    return parts.join(u", "_s);
}

} // namespace

LoadTestForm::LoadTestForm(QWidget *parent)
    : QWidget(parent)
    , m_users(spinBox(1, 1000))
    , m_writerShare(spinBox(0, 100, u" %"_s))
    , m_cardsMin(spinBox(0, 10000))
    , m_cardsMax(spinBox(0, 10000))
    , m_reviewsMin(spinBox(0, 10000))
    , m_reviewsMax(spinBox(0, 10000))
    , m_writerRamp(new QLineEdit)
    , m_stageSeconds(new QDoubleSpinBox)
    , m_reviewerStart(spinBox(0, 1000))
    , m_reviewerStep(spinBox(0, 1000))
    , m_thinkMin(spinBox(0, 600000, u" ms"_s))
    , m_thinkMax(spinBox(0, 600000, u" ms"_s))
    , m_duration(new QDoubleSpinBox)
    , m_seed(new QLineEdit)
    , m_target(new QComboBox)
    , m_url(new QLineEdit)
    , m_fault(new QComboBox)
    , m_faultWarning(new QLabel)
{
    setObjectName(u"loadTestForm"_s);
    m_users->setObjectName(u"users"_s);
    m_fault->setObjectName(u"fault"_s);
    m_stageSeconds->setRange(0, 3600);
    m_stageSeconds->setSuffix(u" s"_s);
    m_duration->setRange(1, 86400);
    m_duration->setSuffix(u" s"_s);
    m_writerRamp->setToolTip(u"Active writers per stage, e.g. 1, 2, 3, 6"_s);
    m_seed->setValidator(nullptr);
    m_target->addItem(u"Fresh embedded scratch server"_s);
    m_target->addItem(u"Server at URL"_s);
    m_url->setPlaceholderText(u"http://127.0.0.1:8700"_s);
    m_fault->addItem(u"none: a correct server"_s, QString());
    for (const QString &name : faultNames(FaultScope::Sqlite)) // the scratch server's are SQLite files
        m_fault->addItem(name, name);
    m_fault->setToolTip(u"Plants a known bug in the scratch server to prove that the checker catches it."_s);
    m_faultWarning->setWordWrap(true);

    auto *form = new QFormLayout(this);
    form->addRow(u"Users"_s, m_users);
    form->addRow(u"Writers (rest review)"_s, m_writerShare);
    form->addRow(u"Cards per writer"_s, pair(m_cardsMin, m_cardsMax));
    form->addRow(u"Reviews per reviewer"_s, pair(m_reviewsMin, m_reviewsMax));
    form->addRow(u"Writer ramp stages"_s, m_writerRamp);
    form->addRow(u"Stage interval"_s, m_stageSeconds);
    form->addRow(u"Reviewers: start, +step"_s, pair(m_reviewerStart, m_reviewerStep));
    form->addRow(u"Pacing (think time)"_s, pair(m_thinkMin, m_thinkMax));
    form->addRow(u"Duration (at most)"_s, m_duration);
    form->addRow(u"Seed"_s, m_seed);
    form->addRow(u"Target"_s, m_target);
    form->addRow(QString(), m_url);
    form->addRow(u"Planted fault (checker test)"_s, m_fault);
    form->addRow(m_faultWarning);

    auto *presets = new QWidget;
    auto *presetLayout = new QHBoxLayout(presets);
    presetLayout->setContentsMargins(0, 0, 0, 0);
    auto *planDefaults = new QPushButton(u"Plan defaults"_s);
    auto *quick = new QPushButton(u"Quick (seconds)"_s);
    presetLayout->addWidget(planDefaults);
    presetLayout->addWidget(quick);
    form->addRow(u"Presets"_s, presets);
    connect(planDefaults, &QPushButton::clicked, this, [this] { setProfile(loadtest::LoadProfile {}); });
    connect(quick, &QPushButton::clicked, this, [this] { setProfile(loadtest::LoadProfile::quick()); });
    connect(m_target, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_url->setEnabled(index == 1);
        m_fault->setEnabled(index == 0); // a fault can only be planted in our own scratch server
        updateFaultWarning();
    });
    connect(m_fault, &QComboBox::currentIndexChanged, this, &LoadTestForm::updateFaultWarning);

    setProfile(loadtest::LoadProfile {});
    m_url->setEnabled(false);
    updateFaultWarning();
}

void LoadTestForm::updateFaultWarning()
{
    const bool planted = m_fault->isEnabled() && !m_fault->currentData().toString().isEmpty();
    m_faultWarning->setText(planted ? u"⚠ The scratch server will be deliberately broken: this run tests the "
                                      "checker, and is expected to FAIL."_s
                                    : QString());
    m_faultWarning->setVisible(planted);
}

void LoadTestForm::setProfile(const loadtest::LoadProfile &profile)
{
    m_base = profile;
    m_users->setValue(profile.users);
    m_writerShare->setValue(int(std::lround(profile.writers.share * 100)));
    m_cardsMin->setValue(profile.writers.cards.min);
    m_cardsMax->setValue(profile.writers.cards.max);
    m_reviewsMin->setValue(profile.reviewers.reviews.min);
    m_reviewsMax->setValue(profile.reviewers.reviews.max);
    m_writerRamp->setText(rampText(profile.writers.ramp));
    m_stageSeconds->setValue(profile.writers.stageS);
    m_reviewerStart->setValue(profile.reviewers.start);
    m_reviewerStep->setValue(profile.reviewers.step);
    m_thinkMin->setValue(profile.writers.thinkMs.min);
    m_thinkMax->setValue(profile.writers.thinkMs.max);
    m_duration->setValue(profile.durationS);
    m_seed->setText(QString::number(profile.seed));
}

void LoadTestForm::setFault(Fault fault)
{
    m_target->setCurrentIndex(0);
    m_fault->setCurrentIndex(
        std::max(0, m_fault->findData(fault == Fault::None ? QString() : faultName(fault))));
}

void LoadTestForm::setTargetUrl(const QString &url)
{
    m_target->setCurrentIndex(url.isEmpty() ? 0 : 1);
    m_url->setText(url);
}

Result<LoadTestRequest> LoadTestForm::request() const
{
    LoadTestRequest request;
    loadtest::LoadProfile &profile = request.profile;
    profile = m_base;
    profile.users = m_users->value();
    profile.writers.share = m_writerShare->value() / 100.0;
    profile.writers.cards = {std::min(m_cardsMin->value(), m_cardsMax->value()),
        std::max(m_cardsMin->value(), m_cardsMax->value())};
    profile.reviewers.reviews = {std::min(m_reviewsMin->value(), m_reviewsMax->value()),
        std::max(m_reviewsMin->value(), m_reviewsMax->value())};
    QList<int> ramp;
    for (const QString &part : m_writerRamp->text().split(u',', Qt::SkipEmptyParts)) {
        bool ok = false;
        const int stage = part.trimmed().toInt(&ok);
        if (!ok || stage < 0)
            return makeError(
                ErrorCode::BadRequest, u"Writer ramp stages must be whole numbers like 1, 2, 3, 6."_s);
        ramp.append(stage);
    }
    if (ramp.isEmpty())
        return makeError(ErrorCode::BadRequest, u"Give at least one writer ramp stage."_s);
    profile.writers.ramp = ramp;
    profile.writers.stageS = m_stageSeconds->value();
    profile.reviewers.stepS = m_stageSeconds->value();
    profile.reviewers.start = m_reviewerStart->value();
    profile.reviewers.step = m_reviewerStep->value();
    const loadtest::IntRange think {std::min(m_thinkMin->value(), m_thinkMax->value()),
        std::max(m_thinkMin->value(), m_thinkMax->value())};
    profile.writers.thinkMs = think;
    profile.reviewers.thinkMs = think;
    profile.durationS = m_duration->value();
    bool ok = false;
    profile.seed = m_seed->text().trimmed().toULongLong(&ok);
    if (!ok)
        return makeError(ErrorCode::BadRequest, u"The seed must be a whole number."_s);
    if (m_target->currentIndex() == 1) {
        request.target = QUrl(m_url->text().trimmed());
        if (!request.target.isValid() || request.target.scheme() != u"http"_s
            || request.target.host().isEmpty())
            return makeError(
                ErrorCode::BadRequest, u"The target must be an http:// URL such as http://127.0.0.1:8700."_s);
    } else {
        request.fault = faultFromName(m_fault->currentData().toString()).value_or(Fault::None);
    }
    return request;
}

void LoadTestForm::saveSettings() const
{
    QSettings settings;
    settings.beginGroup(u"loadtest"_s);
    if (const auto current = request(); current.ok()) {
        settings.setValue(u"profile"_s, current->profile.toJson().toVariantMap());
    }
    settings.setValue(u"target"_s, m_target->currentIndex() == 1 ? m_url->text() : QString());
}

void LoadTestForm::loadSettings()
{
    QSettings settings;
    settings.beginGroup(u"loadtest"_s);
    const QVariantMap saved = settings.value(u"profile"_s).toMap();
    if (!saved.isEmpty()) {
        if (const auto profile = loadtest::LoadProfile::fromJson(QJsonObject::fromVariantMap(saved));
            profile.ok())
            setProfile(*profile);
    }
    setTargetUrl(settings.value(u"target"_s).toString());
}

} // namespace javumbo::gui
