#include "NftGeneration.h"

#include <QFile>

#include <algorithm>
#include <arpa/inet.h>
#include <array>
#include <cstring>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netlink.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

namespace fvpn::NftGeneration {

namespace {

std::optional<quint32> fromFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    bool ok = false;
    const quint32 value = file.readAll().trimmed().toUInt(&ok);
    return ok ? std::optional<quint32>(value) : std::nullopt;
}

// Netlink aligns headers and attributes to 4 bytes. (The kernel's NLMSG_* and
// NLA_* macros cast C-style; these do the same arithmetic.)
constexpr size_t align4(size_t length)
{
    return (length + 3) & ~size_t(3);
}

// The NFTA_GEN_ID attribute of one NFT_MSG_NEWGEN message (`message` points at
// its header, `length` bytes of it are there).
std::optional<quint32> generationOf(const char *message, size_t length)
{
    constexpr int Type = (NFNL_SUBSYS_NFTABLES << 8) | NFT_MSG_NEWGEN;
    nlmsghdr header {};
    std::memcpy(&header, message, sizeof header);
    const size_t attributesAt = align4(sizeof(nlmsghdr)) + align4(sizeof(nfgenmsg));
    if (header.nlmsg_type != Type || length < attributesAt)
        return std::nullopt;
    const char *at = message + attributesAt;
    size_t left = length - attributesAt;
    while (left >= sizeof(nlattr)) {
        nlattr attribute {};
        std::memcpy(&attribute, at, sizeof attribute);
        if (attribute.nla_len < sizeof(nlattr) || attribute.nla_len > left)
            return std::nullopt;
        const size_t valueAt = align4(sizeof(nlattr));
        if ((attribute.nla_type & NLA_TYPE_MASK) == NFTA_GEN_ID && attribute.nla_len >= valueAt + 4) {
            quint32 value = 0;
            std::memcpy(&value, at + valueAt, sizeof value);
            return ntohl(value);
        }
        const size_t step = std::min(align4(attribute.nla_len), left);
        left -= step;
        at += step;
    }
    return std::nullopt;
}

} // namespace

std::optional<quint32> current()
{
    const QString file = qEnvironmentVariable("FVPN_NFT_GENID_FILE");
    if (!file.isEmpty())
        return fromFile(file);

    const int fd = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_NETFILTER);
    if (fd < 0)
        return std::nullopt;
    timeval timeout { 1, 0 };
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);

    struct
    {
        nlmsghdr header;
        nfgenmsg body;
    } request {};
    request.header.nlmsg_len = sizeof request;
    request.header.nlmsg_type = (NFNL_SUBSYS_NFTABLES << 8) | NFT_MSG_GETGEN;
    request.header.nlmsg_flags = NLM_F_REQUEST;
    request.header.nlmsg_seq = 1;
    request.body.nfgen_family = AF_UNSPEC;
    request.body.version = NFNETLINK_V0;
    sockaddr_nl kernel {};
    kernel.nl_family = AF_NETLINK;

    std::optional<quint32> generation;
    if (::sendto(fd, &request, sizeof request, 0, reinterpret_cast<const sockaddr *>(&kernel), sizeof kernel)
        == ssize_t(sizeof request)) {
        std::array<char, 4096> buffer {};
        const ssize_t received = ::recv(fd, buffer.data(), buffer.size(), 0);
        size_t left = received > 0 ? size_t(received) : 0;
        const char *message = buffer.data();
        while (!generation && left >= sizeof(nlmsghdr)) {
            nlmsghdr header {};
            std::memcpy(&header, message, sizeof header);
            if (header.nlmsg_len < sizeof(nlmsghdr) || header.nlmsg_len > left)
                break;
            generation = generationOf(message, header.nlmsg_len);
            const size_t step = std::min(align4(header.nlmsg_len), left);
            message += step;
            left -= step;
        }
    }
    ::close(fd);
    return generation;
}

} // namespace fvpn::NftGeneration
