#pragma once

#include "AppState.h"
#include "HubClient.h"
#include "ToolRunner.h"
#include "TunnelStatus.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;

namespace fvpn {

class Diagnostics;
class EngineerSession;

// The engineer's page of the main window: first run (hub address or enrollment
// link, name, the computer's name and OS as they will be sent, Generate key,
// Register), the request while it is decided, then the tunnel (Connect /
// Disconnect, live status, Diagnostics, Export). All logic is in the session;
// this only shows it and passes clicks on.
class EngineerView : public QWidget
{
    Q_OBJECT

public:
    enum class Page
    {
        Enroll,
        Request,
        Tunnel,
    };

    // `tools` runs ping and ip for the diagnostics.
    EngineerView(EngineerSession *session, ToolRunner tools, QWidget *parent = nullptr);

    Page currentPage() const;
    const QString &lastError() const { return m_lastError; }

    void showDiagnostics();
    void showExport();

    // An enrollment link opened from outside (a click in a mail): before the
    // engineer has registered it fills the link field and waits for Register;
    // otherwise, or when the link is not valid, a message says why it was not
    // used. True when the field now holds the link.
    bool offerEnrollmentLink(const QString &text);

private:
    QWidget *buildEnrollPage();
    QWidget *buildRequestPage();
    QWidget *buildTunnelPage();

    void register_();
    void replaceKey();
    void askAboutCertificate(const PresentedCertificate &certificate);
    void showError(const QString &message);
    void clearError();
    void refresh();
    void refreshHeader();
    void refreshEnroll();
    void refreshRequest();
    void refreshTunnel();

    EngineerSession *m_session;
    ToolRunner m_tools;
    Diagnostics *m_diagnostics;
    QString m_lastError;

    QLabel *m_stateIcon;
    QLabel *m_stateTitle;
    QLabel *m_stateDetail;
    QLabel *m_error;
    QLabel *m_busy;
    QStackedWidget *m_pages;

    // Enroll page
    QLineEdit *m_link;
    QLineEdit *m_name;
    QLabel *m_computer;
    QLabel *m_key;
    QPushButton *m_generate;
    QPushButton *m_register;
    QCheckBox *m_connectWhenApproved;

    // Request page
    QLabel *m_requestText;
    QLabel *m_pollProblem;
    QPushButton *m_checkNow;
    QPushButton *m_cancelRequest;
    QPushButton *m_startOver;

    // Tunnel page
    QPushButton *m_connect;
    QLabel *m_address;
    QLabel *m_hub;
    QLabel *m_endpoint;
    QLabel *m_handshake;
    QLabel *m_transfer;
    QComboBox *m_backend;
    QLabel *m_backendNote;
    QPushButton *m_diagnosticsButton;
    QPushButton *m_exportButton;
    QLabel *m_replacement;
    QPushButton *m_replaceKey;
    QPushButton *m_cancelReplacement;
};

} // namespace fvpn
