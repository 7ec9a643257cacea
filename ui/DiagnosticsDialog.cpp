#include "DiagnosticsDialog.h"

#include "Diagnostics.h"
#include "DiagnosticsModel.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace fvpn {

DiagnosticsDialog::DiagnosticsDialog(Diagnostics *diagnostics, QWidget *parent)
    : QDialog(parent)
    , m_diagnostics(diagnostics)
    , m_model(new DiagnosticsModel(diagnostics, this))
    , m_table(new QTableView(this))
    , m_summary(new QLabel(this))
    , m_copy(new QPushButton(tr("Copy report"), this))
    , m_rerun(new QPushButton(tr("Check again"), this))
{
    setWindowTitle(tr("Factory VPN diagnostics"));
    m_table->setModel(m_model);
    m_table->setWordWrap(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(DiagnosticsModel::CheckColumn,
                                                      QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(DiagnosticsModel::VerdictColumn,
                                                      QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_summary->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_rerun, QDialogButtonBox::ActionRole);
    buttons->addButton(m_copy, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_rerun, &QPushButton::clicked, m_diagnostics, &Diagnostics::run);
    connect(m_copy, &QPushButton::clicked, this, [this]() {
        QApplication::clipboard()->setText(m_diagnostics->report());
        m_summary->setText(tr("The report is on the clipboard. It holds no private key."));
    });
    connect(m_diagnostics, &Diagnostics::finished, this, &DiagnosticsDialog::updateSummary);
    connect(m_diagnostics, &Diagnostics::checkChanged, this, [this]() {
        m_table->resizeRowsToContents();
        updateSummary();
    });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addWidget(m_summary);
    layout->addWidget(buttons);
    // Sized to the checks once, room for two lines each (the longest answers
    // wrap), so the dialog neither shows a grey void nor grows as answers come.
    const int rowHeight = 2 * fontMetrics().lineSpacing() + 8;
    m_table->setMinimumHeight(m_table->horizontalHeader()->sizeHint().height() + 2 * m_table->frameWidth()
                              + m_model->rowCount() * rowHeight);
    resize(820, sizeHint().height());
    updateSummary();
}

QString DiagnosticsDialog::summaryText() const
{
    return m_summary->text();
}

void DiagnosticsDialog::updateSummary()
{
    if (m_diagnostics->isRunning()) {
        m_summary->setText(tr("Checking…"));
        m_rerun->setEnabled(false);
        return;
    }
    m_rerun->setEnabled(true);
    int problems = 0;
    for (const DiagnosticCheck &check : m_diagnostics->checks()) {
        if (check.verdict == DiagnosticCheck::Verdict::Fail)
            ++problems;
    }
    m_summary->setText(problems == 0
                           ? tr("No problems found.")
                           : tr("%n problem(s) found; the details say what to do.", nullptr, problems));
}

} // namespace fvpn
