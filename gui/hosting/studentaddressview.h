#pragma once

#include <QGroupBox>
#include <QImage>
#include <QUrl>

class QLabel;
class QPushButton;

namespace javumbo::gui {

// What a teacher puts on the projector: the study page's address, big, a
// button that copies it, and its QR code (QrCode) for phones.
class StudentAddressView : public QGroupBox
{
    Q_OBJECT
public:
    explicit StudentAddressView(QWidget *parent = nullptr);

    // The study page (docs/api.md §12); empty: the server is not running.
    void setUrl(const QUrl &studyPage);
    QUrl url() const { return m_url; }
    // The QR code as drawn, one whole number of pixels per module.
    QImage qrImage() const { return m_qr; }

public Q_SLOTS:
    void copy();

private:
    QUrl m_url;
    QImage m_qr;
    QLabel *m_address;
    QLabel *m_qrLabel;
    QPushButton *m_copy;
};

} // namespace javumbo::gui
