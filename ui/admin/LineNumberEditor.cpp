#include "LineNumberEditor.h"

#include <QPaintEvent>
#include <QPainter>
#include <QTextBlock>

namespace fvpn {

namespace {

class Margin : public QWidget
{
public:
    explicit Margin(LineNumberEditor *editor)
        : QWidget(editor)
        , m_editor(editor)
    { }

    QSize sizeHint() const override { return { m_editor->marginWidth(), 0 }; }

protected:
    void paintEvent(QPaintEvent *event) override { m_editor->paintMargin(event); }

private:
    LineNumberEditor *m_editor;
};

const QColor MarkColor(0xfd, 0xe2, 0xe0);

} // namespace

LineNumberEditor::LineNumberEditor(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_margin(new Margin(this))
{
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    setFont(mono);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    connect(this, &QPlainTextEdit::blockCountChanged, this, [this] { updateMarginGeometry(); });
    connect(this, &QPlainTextEdit::updateRequest, this, [this](const QRect &rect, int dy) {
        if (dy != 0)
            m_margin->scroll(0, dy);
        else
            m_margin->update(0, rect.y(), m_margin->width(), rect.height());
    });
    updateMarginGeometry();
}

int LineNumberEditor::marginWidth() const
{
    int digits = 1;
    for (int n = qMax(1, blockCount()); n >= 10; n /= 10)
        ++digits;
    return 12 + fontMetrics().horizontalAdvance(u'9') * qMax(3, digits);
}

void LineNumberEditor::updateMarginGeometry()
{
    setViewportMargins(marginWidth(), 0, 0, 0);
    const QRect r = contentsRect();
    m_margin->setGeometry(r.left(), r.top(), marginWidth(), r.height());
}

void LineNumberEditor::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    updateMarginGeometry();
}

void LineNumberEditor::setMarkedLines(const QSet<int> &lines)
{
    if (lines == m_marked)
        return;
    m_marked = lines;
    QList<QTextEdit::ExtraSelection> selections;
    for (int line : lines) {
        const QTextBlock block = document()->findBlockByNumber(line - 1);
        if (!block.isValid())
            continue;
        QTextEdit::ExtraSelection mark;
        mark.format.setBackground(MarkColor);
        mark.format.setProperty(QTextFormat::FullWidthSelection, true);
        mark.cursor = QTextCursor(block);
        selections.append(mark);
    }
    setExtraSelections(selections);
    m_margin->update();
}

void LineNumberEditor::replaceText(const QString &text)
{
    if (text == toPlainText())
        return;
    const QTextCursor old = textCursor();
    const int line = old.blockNumber();
    const int column = old.positionInBlock();
    QTextCursor all(document());
    all.select(QTextCursor::Document);
    all.insertText(text);
    QTextBlock block = document()->findBlockByNumber(qMin(line, blockCount() - 1));
    QTextCursor restored(block);
    restored.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor, qMin(column, block.length() - 1));
    setTextCursor(restored);
}

void LineNumberEditor::goToLine(int line)
{
    const QTextBlock block = document()->findBlockByNumber(line - 1);
    if (!block.isValid())
        return;
    setTextCursor(QTextCursor(block));
    centerCursor();
    setFocus();
}

void LineNumberEditor::paintMargin(QPaintEvent *event)
{
    QPainter painter(m_margin);
    painter.fillRect(event->rect(), palette().color(QPalette::AlternateBase));
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    while (block.isValid() && top <= event->rect().bottom()) {
        const int height = qRound(blockBoundingRect(block).height());
        const int number = block.blockNumber() + 1;
        if (block.isVisible() && top + height >= event->rect().top()) {
            if (m_marked.contains(number)) {
                painter.fillRect(0, top, m_margin->width(), height, QColor(0xe5, 0x73, 0x6b));
                painter.setPen(Qt::white);
            } else {
                painter.setPen(palette().color(QPalette::PlaceholderText));
            }
            painter.drawText(0, top, m_margin->width() - 6, height, Qt::AlignRight | Qt::AlignVCenter,
                             QString::number(number));
        }
        top += height;
        block = block.next();
    }
}

} // namespace fvpn
