#pragma once

#include <QMainWindow>

namespace fvpn {

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
};

} // namespace fvpn
