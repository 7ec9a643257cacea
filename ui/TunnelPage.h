#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;

namespace fvpn {

class DirectoryView;
class EngineerSession;

// The page of an approved engineer: Connect / Disconnect, the tunnel in words,
// and below it what they came for, the factory's devices (DirectoryView).
// Diagnostics, export, key replacement and Start over sit in one row.
class TunnelPage : public QWidget
{
    Q_OBJECT

public:
    explicit TunnelPage(EngineerSession *session, QWidget *parent = nullptr);

    DirectoryView *directoryView() const { return m_directory; }
    void refresh();

Q_SIGNALS:
    // A button was pressed that starts something new: an old error no longer applies.
    void actionStarted();
    void diagnosticsRequested();
    void exportRequested();

private:
    void replaceKey();

    EngineerSession *m_session;
    QPushButton *m_connect;
    QLabel *m_address;
    QLabel *m_hub;
    QLabel *m_endpoint;
    QLabel *m_handshake;
    QLabel *m_transfer;
    QComboBox *m_backend;
    QLabel *m_backendNote;
    QLabel *m_replacement;
    QPushButton *m_replaceKey;
    QPushButton *m_cancelReplacement;
    DirectoryView *m_directory;
};

} // namespace fvpn
