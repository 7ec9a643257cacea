#include "ConntrackCleaner.h"

#include "HubLog.h"

#include <QtEndian>

#include <cerrno>
#include <cstring>
#include <functional>
#include <linux/netfilter/nf_conntrack_common.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>
#include <linux/netlink.h>
#include <optional>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace fvpn {

namespace {

constexpr int Align = NLA_ALIGNTO;
constexpr qsizetype align(qsizetype n)
{
    return (n + Align - 1) & ~qsizetype(Align - 1);
}

// The attributes of one nesting level: type -> the attribute's whole bytes
// (header included) and its payload.
struct Attribute
{
    quint16 type = 0;
    QByteArrayView whole;
    QByteArrayView payload;
};

QList<Attribute> attributes(QByteArrayView data)
{
    QList<Attribute> result;
    qsizetype offset = 0;
    while (offset + qsizetype(sizeof(nlattr)) <= data.size()) {
        nlattr header {};
        std::memcpy(&header, data.data() + offset, sizeof header);
        if (header.nla_len < sizeof(nlattr) || offset + header.nla_len > data.size())
            break;
        const QByteArrayView whole = data.sliced(offset, header.nla_len);
        result.append({ quint16(header.nla_type & NLA_TYPE_MASK), whole, whole.sliced(sizeof(nlattr)) });
        offset += align(header.nla_len);
    }
    return result;
}

std::optional<Attribute> find(const QList<Attribute> &list, quint16 type)
{
    for (const Attribute &a : list) {
        if (a.type == type)
            return a;
    }
    return std::nullopt;
}

std::optional<quint32> bigEndian32(const std::optional<Attribute> &a)
{
    if (!a || a->payload.size() < 4)
        return std::nullopt;
    return qFromBigEndian<quint32>(a->payload.data());
}

struct Tuple
{
    quint32 source = 0;
    quint32 destination = 0;
    quint8 protocol = 0;
};

std::optional<Tuple> parseTuple(QByteArrayView payload)
{
    const QList<Attribute> tuple = attributes(payload);
    const std::optional<Attribute> ip = find(tuple, CTA_TUPLE_IP);
    const std::optional<Attribute> proto = find(tuple, CTA_TUPLE_PROTO);
    if (!ip || !proto)
        return std::nullopt;
    const QList<Attribute> ips = attributes(ip->payload);
    const std::optional<quint32> source = bigEndian32(find(ips, CTA_IP_V4_SRC));
    const std::optional<quint32> destination = bigEndian32(find(ips, CTA_IP_V4_DST));
    const std::optional<Attribute> number = find(attributes(proto->payload), CTA_PROTO_NUM);
    if (!source || !destination || !number || number->payload.isEmpty())
        return std::nullopt;
    return Tuple { *source, *destination, quint8(number->payload.at(0)) };
}

// A netlink socket to the conntrack subsystem, closed on scope exit.
class Socket
{
public:
    Socket()
        : m_fd(::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_NETFILTER))
    { }
    ~Socket()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Socket(const Socket &) = delete;
    Socket &operator=(const Socket &) = delete;

    int fd() const { return m_fd; }

    Result<void> send(quint16 messageType, quint16 flags, quint32 sequence, QByteArrayView attributes)
    {
        QByteArray message(qsizetype(NLMSG_HDRLEN) + align(sizeof(nfgenmsg)) + attributes.size(), '\0');
        nlmsghdr header {};
        header.nlmsg_len = quint32(message.size());
        header.nlmsg_type = quint16((NFNL_SUBSYS_CTNETLINK << 8) | messageType);
        header.nlmsg_flags = quint16(NLM_F_REQUEST | flags);
        header.nlmsg_seq = sequence;
        nfgenmsg family {};
        family.nfgen_family = AF_INET;
        family.version = NFNETLINK_V0;
        std::memcpy(message.data(), &header, sizeof header);
        std::memcpy(message.data() + NLMSG_HDRLEN, &family, sizeof family);
        if (!attributes.isEmpty())
            std::memcpy(message.data() + NLMSG_HDRLEN + align(sizeof(nfgenmsg)), attributes.data(),
                        size_t(attributes.size()));
        sockaddr_nl kernel {};
        kernel.nl_family = AF_NETLINK;
        if (::sendto(m_fd, message.constData(), size_t(message.size()), 0,
                     reinterpret_cast<sockaddr *>(&kernel), sizeof kernel)
            < 0)
            return makeError(ErrorCode::IoError,
                             u"netlink send: %1"_s.arg(QString::fromLocal8Bit(std::strerror(errno))));
        return {};
    }

    // Reads the answers to `sequence` until NLMSG_DONE (a dump) or the ack
    // (NLMSG_ERROR); each data message's payload goes to `onMessage`. The ack's
    // error number is returned (0: success).
    Result<int> receive(quint32 sequence, const std::function<void(QByteArrayView)> &onMessage)
    {
        QByteArray buffer(64 * 1024, Qt::Uninitialized);
        for (;;) {
            const ssize_t got = ::recv(m_fd, buffer.data(), size_t(buffer.size()), 0);
            if (got < 0) {
                if (errno == EINTR)
                    continue;
                return makeError(ErrorCode::IoError,
                                 u"netlink receive: %1"_s.arg(QString::fromLocal8Bit(std::strerror(errno))));
            }
            qsizetype offset = 0;
            while (offset + qsizetype(NLMSG_HDRLEN) <= got) {
                nlmsghdr header {};
                std::memcpy(&header, buffer.constData() + offset, sizeof header);
                if (header.nlmsg_len < NLMSG_HDRLEN || offset + qsizetype(header.nlmsg_len) > got)
                    return makeError(ErrorCode::IoError, u"netlink: a truncated message"_s);
                const QByteArrayView payload(buffer.constData() + offset + NLMSG_HDRLEN,
                                             qsizetype(header.nlmsg_len) - NLMSG_HDRLEN);
                offset += align(header.nlmsg_len);
                if (header.nlmsg_seq != sequence)
                    continue;
                if (header.nlmsg_type == NLMSG_DONE)
                    return 0;
                if (header.nlmsg_type == NLMSG_ERROR) {
                    nlmsgerr error {};
                    if (payload.size() >= qsizetype(sizeof error))
                        std::memcpy(&error, payload.data(), sizeof error);
                    return -error.error;
                }
                if (payload.size() >= align(sizeof(nfgenmsg)))
                    onMessage(payload.sliced(align(sizeof(nfgenmsg))));
            }
        }
    }

private:
    int m_fd;
};

QByteArray attribute(quint16 type, QByteArrayView payload)
{
    QByteArray bytes(align(qsizetype(sizeof(nlattr)) + payload.size()), '\0');
    nlattr header {};
    header.nla_len = quint16(sizeof(nlattr) + size_t(payload.size()));
    header.nla_type = type;
    std::memcpy(bytes.data(), &header, sizeof header);
    std::memcpy(bytes.data() + sizeof header, payload.data(), size_t(payload.size()));
    return bytes;
}

} // namespace

std::optional<ConntrackCleaner::Flow> ConntrackCleaner::parseFlow(QByteArrayView payload)
{
    const QList<Attribute> top = attributes(payload);
    const std::optional<Attribute> original = find(top, CTA_TUPLE_ORIG);
    const std::optional<Attribute> reply = find(top, CTA_TUPLE_REPLY);
    if (!original || !reply)
        return std::nullopt;
    const std::optional<Tuple> tuple = parseTuple(original->payload);
    if (!tuple || !parseTuple(reply->payload))
        return std::nullopt;
    Flow flow;
    flow.protocol = tuple->protocol;
    flow.source = tuple->source;
    flow.destination = tuple->destination;
    flow.sourceNat = (bigEndian32(find(top, CTA_STATUS)).value_or(0) & IPS_SRC_NAT) != 0;
    flow.id = bigEndian32(find(top, CTA_ID)).value_or(0);
    // Padded to the netlink alignment, so they can be put one after the other.
    const auto padded = [](QByteArrayView whole) {
        QByteArray bytes = whole.toByteArray();
        bytes.resize(align(bytes.size()), '\0');
        return bytes;
    };
    flow.originalTuple = padded(original->whole);
    if (const std::optional<Attribute> zone = find(top, CTA_ZONE))
        flow.zone = padded(zone->whole);
    return flow;
}

bool ConntrackCleaner::isStale(const Flow &flow, const QSet<quint32> &clients, const QSet<quint32> &devices)
{
    return !flow.sourceNat && clients.contains(flow.source) && devices.contains(flow.destination);
}

Result<int> ConntrackCleaner::clear(const QSet<quint32> &clients, const QSet<quint32> &devices)
{
    if (clients.isEmpty() || devices.isEmpty())
        return 0;
    Socket socket;
    if (socket.fd() < 0)
        return makeError(ErrorCode::Unavailable,
                         u"cannot open a conntrack netlink socket: %1"_s.arg(
                             QString::fromLocal8Bit(std::strerror(errno))));
    quint32 sequence = 1;
    if (Result<void> sent = socket.send(IPCTNL_MSG_CT_GET, NLM_F_DUMP, sequence, {}); !sent)
        return sent.error();
    QList<Flow> stale;
    const Result<int> dumped = socket.receive(sequence, [&](QByteArrayView message) {
        if (const std::optional<Flow> flow = parseFlow(message); flow && isStale(*flow, clients, devices))
            stale.append(*flow);
    });
    if (!dumped)
        return dumped.error();
    if (*dumped != 0)
        return makeError(
            ErrorCode::Unavailable,
            u"listing conntrack entries failed: %1"_s.arg(QString::fromLocal8Bit(std::strerror(*dumped))));
    int deleted = 0;
    for (const Flow &flow : std::as_const(stale)) {
        // The id makes sure a newer entry with the same tuple (the flow's NATed
        // successor, should one exist already) is left alone.
        quint32 id = 0;
        qToBigEndian(flow.id, &id);
        const QByteArray request = flow.originalTuple
            + attribute(CTA_ID, QByteArrayView(reinterpret_cast<const char *>(&id), sizeof id)) + flow.zone;
        ++sequence;
        if (Result<void> sent = socket.send(IPCTNL_MSG_CT_DELETE, NLM_F_ACK, sequence, request); !sent)
            return sent.error();
        const Result<int> acked = socket.receive(sequence, [](QByteArrayView) {});
        if (!acked)
            return acked.error();
        if (*acked == 0)
            ++deleted;
        else if (*acked != ENOENT)
            return makeError(ErrorCode::Unavailable,
                             u"deleting a conntrack entry failed: %1"_s.arg(
                                 QString::fromLocal8Bit(std::strerror(*acked))));
    }
    return deleted;
}

void ConntrackCleaner::firewallApplied(bool ok, const QList<IpAddress> &clients,
                                       const QList<IpAddress> &devices)
{
    // Both sets known: until the inventory arrives, the device list is empty.
    if (m_done || !ok || clients.isEmpty() || devices.isEmpty())
        return;
    m_done = true;
    QSet<quint32> clientSet;
    QSet<quint32> deviceSet;
    for (const IpAddress &a : clients) {
        if (a.isIPv4())
            clientSet.insert(a.toIPv4());
    }
    for (const IpAddress &a : devices) {
        if (a.isIPv4())
            deviceSet.insert(a.toIPv4());
    }
    const Result<int> cleared = clear(clientSet, deviceSet);
    if (!cleared)
        qCWarning(lcHub).noquote() << "conntrack entries of flows older than the hub's NAT were not cleared:"
                                   << cleared.error().message;
    else if (*cleared > 0)
        qCInfo(lcHub).noquote() << u"cleared %1 conntrack entr%2 of engineer-to-device flows that began "
                                   "without NAT; their next packets are NATed"_s.arg(*cleared)
                                       .arg(*cleared == 1 ? u"y"_s : u"ies"_s);
}

} // namespace fvpn
