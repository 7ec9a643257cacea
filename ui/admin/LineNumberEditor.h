#pragma once

#include "Result.h"

#include <QPlainTextEdit>
#include <QSet>

namespace fvpn {

// A plain text editor with line numbers in a margin and marked lines (those with
// problems) shaded, so "line 12: ..." can be found at a glance.
class LineNumberEditor : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit LineNumberEditor(QWidget *parent = nullptr);

    void setMarkedLines(const QSet<int> &lines); // 1-based
    const QSet<int> &markedLines() const { return m_marked; }
    // Replaces the whole text as one undo step, keeping the cursor's line and column.
    void replaceText(const QString &text);
    void goToLine(int line);

    int marginWidth() const;
    void paintMargin(QPaintEvent *event);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void updateMarginGeometry();

    QWidget *m_margin;
    QSet<int> m_marked;
};

} // namespace fvpn
