#include "studentaddressview.h"

#include "qrcode.h"

#include <QApplication>
#include <QClipboard>
#include <QGridLayout>
#include <QLabel>
#include <QPixmap>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

namespace {

// Big enough for a phone across a classroom table, small enough for 800×600.
constexpr int kQrSide = 164;

} // namespace

StudentAddressView::StudentAddressView(QWidget *parent)
    : QGroupBox(u"Students open"_s, parent)
    , m_address(new QLabel(this))
    , m_qrLabel(new QLabel(this))
    , m_copy(new QPushButton(u"Copy address"_s, this))
{
    m_address->setObjectName(u"studentUrl"_s);
    m_address->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_address->setWordWrap(true);
    QFont font = m_address->font();
    font.setPointSize(font.pointSize() * 2);
    font.setBold(true);
    m_address->setFont(font);
    m_qrLabel->setObjectName(u"studyPageQr"_s);
    m_qrLabel->setFixedSize(kQrSide, kQrSide);
    m_qrLabel->setAlignment(Qt::AlignCenter);
    m_copy->setObjectName(u"copyUrl"_s);
    connect(m_copy, &QPushButton::clicked, this, &StudentAddressView::copy);

    auto *layout = new QGridLayout(this);
    layout->addWidget(m_address, 0, 0);
    layout->addWidget(m_copy, 1, 0, Qt::AlignLeft | Qt::AlignTop);
    layout->addWidget(m_qrLabel, 0, 1, 2, 1);
    layout->setColumnStretch(0, 1);
    setUrl({});
}

void StudentAddressView::setUrl(const QUrl &studyPage)
{
    m_url = studyPage;
    m_qr = QImage();
    m_copy->setEnabled(!studyPage.isEmpty());
    if (studyPage.isEmpty()) {
        m_address->setText(u"Start the server: its address and QR code appear here."_s);
        m_qrLabel->clear();
        return;
    }
    m_address->setText(studyPage.toString());
    if (auto code = QrCode::encode(studyPage.toString())) {
        // Device pixels, so a high-DPI screen shows whole modules too.
        const qreal ratio = devicePixelRatioF();
        m_qr = code->fitting(int(kQrSide * ratio));
        QPixmap pixmap = QPixmap::fromImage(m_qr);
        pixmap.setDevicePixelRatio(ratio);
        m_qrLabel->setPixmap(pixmap);
    } else {
        m_qrLabel->setText(code.error().message);
    }
}

void StudentAddressView::copy()
{
    if (!m_url.isEmpty())
        QApplication::clipboard()->setText(m_url.toString());
}

} // namespace javumbo::gui
