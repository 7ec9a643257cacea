#pragma once

#include <QDialog>

class QLabel;
class QPushButton;
class QTableView;

namespace fvpn {

class Diagnostics;
class DiagnosticsModel;

// Runs the checks and shows them; "Copy report" puts the plain-text report on
// the clipboard (never the private key: the report is made without it).
class DiagnosticsDialog : public QDialog
{
    Q_OBJECT

public:
    DiagnosticsDialog(Diagnostics *diagnostics, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    QPushButton *copyButton() const { return m_copy; }
    QPushButton *rerunButton() const { return m_rerun; }
    QString summaryText() const;

private:
    void updateSummary();

    Diagnostics *m_diagnostics;
    DiagnosticsModel *m_model;
    QTableView *m_table;
    QLabel *m_summary;
    QPushButton *m_copy;
    QPushButton *m_rerun;
};

} // namespace fvpn
