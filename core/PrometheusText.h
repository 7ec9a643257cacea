#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>

#include <span>

namespace fvpn {

// Writes the Prometheus text exposition format 0.0.4: one `# HELP` and
// `# TYPE` line per metric family, then its samples. Label values and help
// texts are escaped as the format requires (\\, \" and \n in label values;
// \\ and \n in help). The caller keeps names and label names valid
// ([a-zA-Z_][a-zA-Z0-9_]*) and gives each family's samples together; the
// formatter does not sort or merge.
class PrometheusText
{
public:
    using Labels = QList<QPair<QByteArray, QByteArray>>;

    static constexpr QByteArrayView ContentType = "text/plain; version=0.0.4; charset=utf-8";

    void family(QByteArrayView name, QByteArrayView type, QByteArrayView help);
    void sample(QByteArrayView name, const Labels &labels, double value);
    void sample(QByteArrayView name, const Labels &labels, quint64 value);
    // A histogram family's samples: `counts[i]` observations fell in (bounds[i-1], bounds[i]]
    // (not cumulative: the formatter adds them up), `counts[bounds.size()]` above the last
    // bound. Writes NAME_bucket{le=...} cumulatively, ending with le="+Inf", then _sum and _count.
    void histogram(QByteArrayView name, const Labels &labels, std::span<const double> bounds,
                   std::span<const quint64> counts, double sum);

    const QByteArray &text() const { return m_text; }

    static QByteArray escapeLabelValue(QByteArrayView value);
    static QByteArray escapeHelp(QByteArrayView help);
    // Go's strconv.FormatFloat(v, 'g', -1, 64) spelling as promtool prints it:
    // shortest exact form, "+Inf", "-Inf", "NaN".
    static QByteArray formatValue(double value);

private:
    void writeLabels(const Labels &labels);

    QByteArray m_text;
};

} // namespace fvpn
