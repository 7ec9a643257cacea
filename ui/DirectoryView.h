#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace fvpn {

class DeviceDirectory;
class DirectoryModel;
class TextFilterProxy;

// "What can I reach now?": the factory's devices the hub lists for this engineer,
// with a filter, their state, Copy address and Copy ssh command. Read-only; it
// says why it is empty (not connected, the hub offers no list, an error).
class DirectoryView : public QWidget
{
    Q_OBJECT

public:
    explicit DirectoryView(DeviceDirectory *directory, QWidget *parent = nullptr);

    DirectoryModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    // The text "Copy address" / "Copy ssh command" put on the clipboard for the
    // selected device; empty without one.
    QString selectedAddress() const;
    QString selectedSshCommand() const;

private:
    void update();
    void updateButtons();
    int selectedRow() const;

    DeviceDirectory *m_directory;
    DirectoryModel *m_model;
    TextFilterProxy *m_proxy;
    QLabel *m_status;
    QLineEdit *m_filter;
    QPushButton *m_refresh;
    QTableView *m_table;
    QPushButton *m_copyAddress;
    QPushButton *m_copySsh;
};

} // namespace fvpn
