#pragma once

#include "AppState.h"
#include "HubClient.h"
#include "ToolRunner.h"
#include "TunnelStatus.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QStackedWidget;

namespace fvpn {

class Diagnostics;
class EngineerSession;
class EnrollPage;
class JourneySteps;
class TunnelPage;

// The engineer's page of the main window: first run (EnrollPage), the request
// while it is decided, then the tunnel and the factory's devices (TunnelPage).
// Above them the state in words, one line that says what the app is busy with
// (with Cancel where that is safe), and the last error with Try again where
// trying again can help. All logic is in the session; this only shows it and
// passes clicks on.
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
    TunnelPage *tunnelPage() const { return m_tunnelPage; }

    void showDiagnostics();
    void showExport();

    // An enrollment link opened from outside (a click in a mail): before the
    // engineer has registered it fills the link field and waits for Register;
    // otherwise, or when the link is not valid, a message says why it was not
    // used. True when the field now holds the link.
    bool offerEnrollmentLink(const QString &text);

private:
    QWidget *buildRequestPage();

    void register_();
    void askAboutCertificate(const PresentedCertificate &certificate);
    void showError(const QString &message);
    void clearError();
    void refresh();
    void refreshHeader();
    void refreshRequest();

    EngineerSession *m_session;
    ToolRunner m_tools;
    Diagnostics *m_diagnostics;
    QString m_lastError;

    QLabel *m_stateIcon;
    QLabel *m_stateTitle;
    QLabel *m_stateDetail;
    QWidget *m_busyRow;
    QLabel *m_busy;
    QPushButton *m_cancelBusy;
    QWidget *m_errorRow;
    QLabel *m_error;
    QPushButton *m_tryAgain;
    QStackedWidget *m_pages;
    EnrollPage *m_enrollPage;
    TunnelPage *m_tunnelPage;

    // Request page
    QLabel *m_requestText;
    QLabel *m_pollProblem;
    QPushButton *m_checkNow;
    QPushButton *m_cancelRequest;
    QPushButton *m_startOver;
    JourneySteps *m_requestSteps;
};

} // namespace fvpn
