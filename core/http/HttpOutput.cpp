#include "HttpOutput.h"

#include "HttpResponse.h"
#include "HttpSyntax.h"
#include "SocketChannel.h"

#include <QDateTime>
#include <QLocale>

namespace fvpn {

namespace {

// What is offered to the channel per write: large enough for few system calls,
// small enough that a TLS record is built from a bounded piece.
constexpr qint64 WriteSlice = 64 * 1024;

// RFC 9110 §5.6.7 IMF-fixdate, made once a second per thread.
QByteArray httpDate()
{
    thread_local qint64 second = -1;
    thread_local QByteArray text;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const qint64 current = now.toSecsSinceEpoch();
    if (current != second) {
        second = current;
        text = QLocale::c().toString(now, QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'")).toLatin1();
    }
    return text;
}

bool isFramingHeader(const QByteArray &name)
{
    for (const char *reserved : { "content-length", "transfer-encoding", "connection", "date" }) {
        if (name.compare(reserved, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool isSafeHeader(const QByteArray &name, const QByteArray &value)
{
    if (!HttpSyntax::isToken(name))
        return false;
    for (char c : value) {
        if (!HttpSyntax::isFieldValueChar(c))
            return false;
    }
    return true;
}

} // namespace

QByteArray HttpOutput::head(int status, const QList<QPair<QByteArray, QByteArray>> &headers,
                            qint64 contentLength, bool chunked, ConnectionHeader connection)
{
    QByteArray head;
    head.reserve(256);
    head += "HTTP/1.1 " + QByteArray::number(status) + ' ' + httpReasonPhrase(status) + "\r\n";
    for (const auto &[name, value] : headers) {
        if (isFramingHeader(name) || !isSafeHeader(name, value))
            continue;
        head += name + ": " + value + "\r\n";
    }
    head += "Date: " + httpDate() + "\r\n";
    if (contentLength >= 0)
        head += "Content-Length: " + QByteArray::number(contentLength) + "\r\n";
    if (chunked)
        head += "Transfer-Encoding: chunked\r\n";
    if (connection == ConnectionHeader::Close)
        head += "Connection: close\r\n";
    else if (connection == ConnectionHeader::KeepAlive)
        head += "Connection: keep-alive\r\n";
    head += "\r\n";
    return head;
}

QByteArray HttpOutput::chunk(const QByteArray &bytes)
{
    QByteArray chunk = QByteArray::number(bytes.size(), 16) + "\r\n";
    chunk.reserve(chunk.size() + bytes.size() + 2);
    chunk += bytes;
    chunk += "\r\n";
    return chunk;
}

void HttpOutput::queue(QByteArray bytes)
{
    if (bytes.isEmpty())
        return;
    m_pendingBytes += bytes.size();
    m_pending.append(std::move(bytes));
}

void HttpOutput::clear()
{
    m_pending.clear();
    m_offset = 0;
    m_pendingBytes = 0;
}

HttpOutput::Flushed HttpOutput::writeTo(SocketChannel &channel, qint64 budget, bool *progress)
{
    while (!m_pending.isEmpty()) {
        if (budget <= 0)
            return Flushed::BudgetSpent;
        const QByteArray &front = m_pending.constFirst();
        const qint64 size = qMin<qint64>(front.size() - m_offset, WriteSlice);
        const qint64 written = channel.write(front.constData() + m_offset, size);
        if (written < 0)
            return Flushed::Failed;
        if (written == 0)
            return Flushed::KernelFull;
        *progress = true;
        budget -= written;
        m_offset += written;
        m_pendingBytes -= written;
        if (m_offset == front.size()) {
            m_pending.removeFirst();
            m_offset = 0;
        }
    }
    return Flushed::All;
}

} // namespace fvpn
