#include "AdminFormat.h"

#include <QCoreApplication>
#include <QLocale>
#include <QPainter>
#include <QPixmap>

namespace fvpn {

QString AdminFormat::bytes(quint64 count)
{
    static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB" };
    if (count < 1024)
        return QStringLiteral("%1 B").arg(count);
    double value = double(count);
    int unit = 0;
    while (value >= 1024.0 && unit < 5) {
        value /= 1024.0;
        ++unit;
    }
    return QStringLiteral("%1 %2").arg(value, 0, 'f', 1).arg(QLatin1StringView(units[unit]));
}

QString AdminFormat::age(const QDateTime &at, const QDateTime &now)
{
    if (!at.isValid())
        return QCoreApplication::translate("AdminFormat", "never");
    const qint64 secs = qMax<qint64>(0, at.secsTo(now));
    if (secs < 10)
        return QCoreApplication::translate("AdminFormat", "just now");
    // The counts are computed first: lupdate (6.4) hangs on a division inside the call.
    if (secs < 60)
        return QCoreApplication::translate("AdminFormat", "%n s ago", nullptr, int(secs));
    const int minutes = int(secs / 60);
    if (secs < 3600)
        return QCoreApplication::translate("AdminFormat", "%n min ago", nullptr, minutes);
    const int hours = int(secs / 3600);
    if (secs < 86400)
        return QCoreApplication::translate("AdminFormat", "%n h ago", nullptr, hours);
    const int days = int(secs / 86400);
    return QCoreApplication::translate("AdminFormat", "%n d ago", nullptr, days);
}

QString AdminFormat::time(const QDateTime &at)
{
    if (!at.isValid())
        return {};
    return at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString AdminFormat::linkState(LinkState state)
{
    switch (state) {
    case LinkState::Online:
        return QCoreApplication::translate("AdminFormat", "Online");
    case LinkState::Stale:
        return QCoreApplication::translate("AdminFormat", "Stale");
    case LinkState::Offline:
        break;
    }
    return QCoreApplication::translate("AdminFormat", "Offline");
}

QColor AdminFormat::linkStateColor(LinkState state)
{
    switch (state) {
    case LinkState::Online:
        return QColor(0x2e, 0x9d, 0x4f);
    case LinkState::Stale:
        return QColor(0xd8, 0x9b, 0x1c);
    case LinkState::Offline:
        break;
    }
    return QColor(0x9a, 0x9a, 0x9a);
}

QIcon AdminFormat::linkStateIcon(LinkState state)
{
    // Three icons for every table, made once: data() runs for each visible cell
    // on every repaint.
    static QIcon cache[3];
    const int i = int(state);
    if (cache[i].isNull()) {
        QPixmap pixmap(16, 16);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(linkStateColor(state));
        painter.drawEllipse(QRectF(3, 3, 10, 10));
        painter.end();
        cache[i] = QIcon(pixmap);
    }
    return cache[i];
}

QString AdminFormat::shortTime(const QDateTime &at)
{
    if (!at.isValid())
        return {};
    return at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString AdminFormat::addressSortKey(const IpAddress &address)
{
    if (address.isNull())
        return {};
    const auto &bytes = address.bytes();
    const int length = address.isIPv4() ? 4 : 16;
    QString key = address.isIPv4() ? QStringLiteral("4:") : QStringLiteral("6:");
    for (int i = 0; i < length; ++i)
        key += QStringLiteral("%1").arg(bytes[size_t(i)], 2, 16, QChar(u'0'));
    return key;
}

QIcon AdminFormat::countBadge(int count)
{
    QPixmap pixmap(36, 36);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setBrush(QColor(0xd9, 0x30, 0x25));
    painter.setPen(Qt::NoPen);
    painter.drawEllipse(pixmap.rect().adjusted(1, 1, -1, -1));
    painter.setPen(Qt::white);
    QFont font = painter.font();
    font.setBold(true);
    font.setPixelSize(count > 99 ? 13 : 20);
    painter.setFont(font);
    painter.drawText(pixmap.rect(), Qt::AlignCenter,
                     count > 99 ? QStringLiteral("99+") : QString::number(count));
    return QIcon(pixmap);
}

} // namespace fvpn
