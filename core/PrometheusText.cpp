#include "PrometheusText.h"

#include <QLocale>
#include <QString>

#include <cmath>
#include <limits>

namespace fvpn {

QByteArray PrometheusText::escapeLabelValue(QByteArrayView value)
{
    QByteArray out;
    out.reserve(value.size());
    for (const char c : value) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

QByteArray PrometheusText::escapeHelp(QByteArrayView help)
{
    QByteArray out;
    out.reserve(help.size());
    for (const char c : help) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

QByteArray PrometheusText::formatValue(double value)
{
    if (std::isnan(value))
        return "NaN";
    if (std::isinf(value))
        return value > 0 ? "+Inf" : "-Inf";
    // Integral values as integers (exactly, up to 2^53): what a counter reads like.
    if (value == std::floor(value) && std::fabs(value) < 9007199254740992.0)
        return QByteArray::number(qint64(value));
    // The shortest form that reads back as the same double.
    return QString::number(value, 'g', QLocale::FloatingPointShortest).toLatin1();
}

void PrometheusText::family(QByteArrayView name, QByteArrayView type, QByteArrayView help)
{
    m_text += "# HELP ";
    m_text.append(name);
    m_text += ' ';
    m_text.append(escapeHelp(help));
    m_text += "\n# TYPE ";
    m_text.append(name);
    m_text += ' ';
    m_text.append(type);
    m_text += '\n';
}

void PrometheusText::writeLabels(const Labels &labels)
{
    if (labels.isEmpty())
        return;
    m_text += '{';
    for (qsizetype i = 0; i < labels.size(); ++i) {
        if (i > 0)
            m_text += ',';
        m_text.append(labels[i].first);
        m_text += "=\"";
        m_text.append(escapeLabelValue(labels[i].second));
        m_text += '"';
    }
    m_text += '}';
}

void PrometheusText::sample(QByteArrayView name, const Labels &labels, double value)
{
    m_text.append(name);
    writeLabels(labels);
    m_text += ' ';
    m_text.append(formatValue(value));
    m_text += '\n';
}

void PrometheusText::sample(QByteArrayView name, const Labels &labels, quint64 value)
{
    m_text.append(name);
    writeLabels(labels);
    m_text += ' ';
    m_text.append(QByteArray::number(value));
    m_text += '\n';
}

void PrometheusText::histogram(QByteArrayView name, const Labels &labels, std::span<const double> bounds,
                               std::span<const quint64> counts, double sum)
{
    Q_ASSERT(counts.size() == bounds.size() + 1);
    const QByteArray bucket = QByteArray(name.toByteArray() + "_bucket");
    quint64 cumulative = 0;
    for (size_t i = 0; i <= bounds.size(); ++i) {
        cumulative += i < counts.size() ? counts[i] : 0;
        Labels withLe = labels;
        withLe.append({ "le",
                        i < bounds.size() ? formatValue(bounds[i])
                                          : formatValue(std::numeric_limits<double>::infinity()) });
        sample(bucket, withLe, cumulative);
    }
    sample(QByteArray(name.toByteArray() + "_sum"), labels, sum);
    sample(QByteArray(name.toByteArray() + "_count"), labels, cumulative);
}

} // namespace fvpn
