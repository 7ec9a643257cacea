#pragma once

#include <QMainWindow>

#include <functional>

class QTabWidget;

namespace fvpn {

// The app's window: one tab per role (the engineer's view; the admin view joins
// as another tab). Closing it keeps the app running when the tray can bring it
// back.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);

    // Adds a page as a tab and returns its index.
    int addPage(QWidget *page, const QString &title, const QIcon &icon = {});
    QTabWidget *tabs() const { return m_tabs; }
    // Shows the window (hidden to the tray or minimized) on top, with `page`'s tab
    // current when one is given: from the tray, or asked by a second start of the app.
    void bringToFront(QWidget *page = nullptr);

    // Asked on close: true hides the window instead of ending the app.
    void setKeepRunningOnClose(std::function<bool()> keepRunning) { m_keepRunning = std::move(keepRunning); }

Q_SIGNALS:
    // The window was closed and nothing keeps the app running.
    void closeRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    QTabWidget *m_tabs;
    std::function<bool()> m_keepRunning;
};

} // namespace fvpn
