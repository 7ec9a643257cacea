#include "WgStatusReader.h"

#include "SecureBuffer.h"

#include <QStringList>

#include <utility>

namespace fvpn {

namespace {

bool interfaceIsAbsent(const ToolOutput &output)
{
    // Kernel WireGuard says "No such device"; without the module, an interface
    // that wireguard-go does not serve is "Protocol not supported".
    return output.standardError.contains(QStringLiteral("No such device"))
        || output.standardError.contains(QStringLiteral("Protocol not supported"));
}

QString lastLines(const QString &text, int count = 4)
{
    const QStringList lines = text.split(u'\n', Qt::SkipEmptyParts);
    return lines.mid(qMax(0, lines.size() - count)).join(QStringLiteral(" / "));
}

} // namespace

WgStatusReader::WgStatusReader(ToolRunner runner, QString interfaceName)
    : m_runner(std::move(runner))
    , m_interface(std::move(interfaceName))
{ }

void WgStatusReader::read(QObject *context, std::function<void(Result<std::optional<WgDump>>)> done) const
{
    const QString interfaceName = m_interface;
    m_runner.run(QStringLiteral("wg"), { QStringLiteral("show"), m_interface, QStringLiteral("dump") },
                 { QStringLiteral("factory-vpn-status"), m_interface }, {}, context,
                 [done, interfaceName](Result<ToolOutput> output) {
                     if (!output)
                         return done(output.error());
                     if (output->exitCode != 0) {
                         SecureBuffer::wipe(output->standardOutput);
                         if (interfaceIsAbsent(*output))
                             return done(std::optional<WgDump>());
                         return done(makeError(ErrorCode::IoError,
                                               QStringLiteral("Cannot read the state of %1: %2")
                                                   .arg(interfaceName, lastLines(output->standardError))));
                     }
                     // parse() wipes the text: it starts with the private key.
                     Result<WgDump> dump = WgDump::parse(output->standardOutput);
                     if (!dump)
                         return done(dump.error());
                     done(std::optional<WgDump>(std::move(dump.value())));
                 });
}

} // namespace fvpn
