// hubbench: the helper of bench/hub-scale.sh. Generates many WireGuard keys fast
// (libsodium, not one `wg genkey` process per key), writes inventories and
// `wg syncconf` files from them, and times how long a change takes to show on an
// interface by polling its UAPI socket directly (`wg show` costs ~45 ms at 10,000
// peers; one UAPI get is what `wg` itself does, without the process start).
//
//   hubbench gen PREFIX COUNT FIRST_IP OUT.txt     lines "name base64-key ip"
//   hubbench inventory IN.txt FROM COUNT OUT.json   wireguard-ips JSON of lines FROM..FROM+COUNT-1
//   hubbench wgconf IN.txt COUNT OUT.conf           [Peer] sections of the first COUNT lines
//   hubbench get SOCKET                             one UAPI get: peers, bytes, milliseconds
//   hubbench wait SOCKET present|absent KEY TIMEOUT_MS (rename SRC DST | run CMD...)
//   hubbench count SOCKET COUNT TIMEOUT_MS [run CMD...]
//   hubbench waitfile PATH TEXT TIMEOUT_MS           polls PATH (every ms) until it contains TEXT
//   hubbench logwait LOG TIMEOUT_MS PATTERN[|PATTERN2...] (rename SRC DST | run CMD...)
//   hubbench time CMD...                             wall milliseconds of one command
//
// `logwait` times a change by the hub's own log: after the action it follows LOG
// (from its end) for a line containing each PATTERN in turn and prints, per
// pattern, the time stamp of that line minus the moment of the action. The hub
// logs "peers applied" once wireguard-go (or `wg set`) acknowledged the change,
// so nothing polls the interface meanwhile: at 10,000 peers one UAPI get takes
// longer than the change itself and holds wireguard-go's lock while it runs.
//
// `wait` does the action itself (a rename(2) of a file written beforehand, or a
// command it starts) and prints the milliseconds from just before the action to
// the first UAPI answer that shows the change, the number of polls and the
// duration of the last poll (the resolution of the figure).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <iterator>
#include <poll.h>
#include <sodium.h>
#include <sstream>
#include <string>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

[[noreturn]] void die(const std::string &message)
{
    std::cerr << "hubbench: " << message << '\n';
    std::exit(2);
}

std::string toBase64(const unsigned char *bytes, size_t size)
{
    std::string out(sodium_base64_encoded_len(size, sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), bytes, size, sodium_base64_VARIANT_ORIGINAL);
    out.resize(std::strlen(out.c_str()));
    return out;
}

std::string base64ToHex(const std::string &base64)
{
    unsigned char raw[32];
    size_t length = 0;
    if (sodium_base642bin(raw, sizeof raw, base64.c_str(), base64.size(), nullptr, &length, nullptr,
                          sodium_base64_VARIANT_ORIGINAL)
            != 0
        || length != sizeof raw)
        die("not a WireGuard key: " + base64);
    char hex[65];
    sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
    return hex;
}

unsigned parseIPv4(const std::string &text)
{
    unsigned a, b, c, d;
    if (std::sscanf(text.c_str(), "%u.%u.%u.%u", &a, &b, &c, &d) != 4 || a > 255 || b > 255 || c > 255
        || d > 255)
        die("not an IPv4 address: " + text);
    return (a << 24) | (b << 16) | (c << 8) | d;
}

std::string formatIPv4(unsigned ip)
{
    return std::to_string(ip >> 24) + '.' + std::to_string((ip >> 16) & 255) + '.'
        + std::to_string((ip >> 8) & 255) + '.' + std::to_string(ip & 255);
}

struct Entry
{
    std::string name, key, ip;
};

std::vector<Entry> readEntries(const std::string &path)
{
    std::ifstream in(path);
    if (!in)
        die("cannot read " + path);
    std::vector<Entry> entries;
    Entry e;
    while (in >> e.name >> e.key >> e.ip)
        entries.push_back(e);
    return entries;
}

void writeFile(const std::string &path, const std::string &content)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out)
        die("cannot write " + path);
}

int gen(const std::string &prefix, long count, const std::string &firstIp, const std::string &outPath)
{
    std::string text;
    unsigned ip = parseIPv4(firstIp);
    for (long i = 0; i < count; ++i, ++ip) {
        // Skip .0 and .255 so every address also works in a /24 view of the subnet.
        while ((ip & 255) == 0 || (ip & 255) == 255)
            ++ip;
        unsigned char pub[crypto_box_PUBLICKEYBYTES], sec[crypto_box_SECRETKEYBYTES];
        crypto_box_keypair(pub, sec);
        sodium_memzero(sec, sizeof sec);
        char name[64];
        std::snprintf(name, sizeof name, "%s-%05ld", prefix.c_str(), i + 1);
        text += std::string(name) + ' ' + toBase64(pub, sizeof pub) + ' ' + formatIPv4(ip) + '\n';
    }
    writeFile(outPath, text);
    return 0;
}

int inventory(const std::string &inPath, long from, long count, const std::string &outPath)
{
    const std::vector<Entry> entries = readEntries(inPath);
    if (from < 0 || from + count > long(entries.size()))
        die("not enough entries in " + inPath);
    std::string json = "[";
    for (long i = from; i < from + count; ++i) {
        const Entry &e = entries[size_t(i)];
        if (i > from)
            json += ",\n";
        json += "{\"name\":\"" + e.name + "\",\"pubkey\":\"" + e.key + "\",\"ip\":\"" + e.ip
            + "\",\"enabled\":true}";
    }
    json += "]\n";
    writeFile(outPath, json);
    return 0;
}

int wgconf(const std::string &inPath, long count, const std::string &outPath)
{
    const std::vector<Entry> entries = readEntries(inPath);
    if (count > long(entries.size()))
        die("not enough entries in " + inPath);
    std::string text;
    for (long i = 0; i < count; ++i)
        text += "[Peer]\nPublicKey = " + entries[size_t(i)].key + "\nAllowedIPs = " + entries[size_t(i)].ip
            + "/32\n";
    writeFile(outPath, text);
    return 0;
}

// One UAPI get; the whole answer (up to "errno=N\n\n").
std::string uapiGet(const std::string &socketPath)
{
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        die("socket: " + std::string(std::strerror(errno)));
    sockaddr_un address {};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, socketPath.c_str(), sizeof address.sun_path - 1);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        ::close(fd);
        return {};
    }
    static const char request[] = "get=1\n\n";
    if (::write(fd, request, sizeof request - 1) != ssize_t(sizeof request - 1)) {
        ::close(fd);
        return {};
    }
    std::string answer;
    char buffer[1 << 16];
    while (true) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n <= 0)
            break;
        answer.append(buffer, size_t(n));
        if (answer.size() >= 2 && answer.compare(answer.size() - 2, 2, "\n\n") == 0)
            break;
    }
    ::close(fd);
    // The answer starts with the interface's private key: wipe it with the rest.
    return answer;
}

void wipe(std::string &text)
{
    sodium_memzero(text.data(), text.size());
    text.clear();
}

long countPeers(const std::string &answer)
{
    long n = 0;
    for (size_t at = answer.find("public_key="); at != std::string::npos;
         at = answer.find("public_key=", at + 1))
        ++n;
    return n;
}

pid_t startCommand(char **argv)
{
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::execvp(argv[0], argv);
        std::_Exit(127);
    }
    if (pid < 0)
        die("fork failed");
    return pid;
}

int waitCommand(pid_t pid)
{
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

// Runs the action; polls until `shows` says the answer has the change.
template<typename Shows>
int timeChange(const std::string &socketPath, long timeoutMs, int argc, char **argv, int actionAt,
               Shows shows)
{
    if (actionAt >= argc)
        die("no action given (rename SRC DST | run CMD...)");
    const std::string action = argv[actionAt];
    const Clock::time_point start = Clock::now();
    pid_t child = -1;
    if (action == "rename") {
        if (actionAt + 2 >= argc)
            die("rename needs SRC DST");
        if (::rename(argv[actionAt + 1], argv[actionAt + 2]) != 0)
            die("rename failed: " + std::string(std::strerror(errno)));
    } else if (action == "run") {
        if (actionAt + 1 >= argc)
            die("run needs a command");
        child = startCommand(argv + actionAt + 1);
    } else if (action != "none") {
        die("unknown action " + action);
    }
    int polls = 0;
    double lastPollMs = 0;
    int childStatus = 0;
    bool childDone = false;
    while (true) {
        // A command that failed will never show its change: stop at once.
        if (child > 0 && !childDone && ::waitpid(child, &childStatus, WNOHANG) == child) {
            childDone = true;
            if (!WIFEXITED(childStatus) || WEXITSTATUS(childStatus) != 0) {
                std::printf("failed: the command exited with %d\n",
                            WIFEXITED(childStatus) ? WEXITSTATUS(childStatus) : 128);
                return 1;
            }
        }
        const Clock::time_point pollStart = Clock::now();
        std::string answer = uapiGet(socketPath);
        lastPollMs = msSince(pollStart);
        ++polls;
        const bool done = shows(answer);
        wipe(answer);
        if (done)
            break;
        // A short pause keeps the poller from taking a whole core from wireguard-go.
        ::usleep(1000);
        if (msSince(start) > double(timeoutMs)) {
            std::printf("timeout %.1f polls %d\n", msSince(start), polls);
            if (child > 0 && !childDone)
                waitCommand(child);
            return 1;
        }
    }
    const double elapsed = msSince(start);
    int rc = 0;
    if (child > 0)
        rc = childDone ? (WIFEXITED(childStatus) ? WEXITSTATUS(childStatus) : 128) : waitCommand(child);
    std::printf("ms %.2f polls %d last_poll_ms %.2f rc %d at %.6f\n", elapsed, polls, lastPollMs, rc,
                std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count()
                    - (msSince(start) - elapsed) / 1000.0);
    return rc;
}

// "2026-12-06T06:11:20.123 info: ..." (local time, as the hub logs it) -> epoch seconds.
double logLineTime(const std::string &line)
{
    std::tm tm {};
    int ms = 0;
    if (std::sscanf(line.c_str(), "%d-%d-%dT%d:%d:%d.%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                    &tm.tm_min, &tm.tm_sec, &ms)
        != 7)
        return -1;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    tm.tm_isdst = -1;
    return double(std::mktime(&tm)) + ms / 1000.0;
}

double realNow()
{
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

int logWait(const std::string &logPath, long timeoutMs, const std::string &patternList, int argc, char **argv,
            int actionAt)
{
    // A pattern starting with '?' is optional: looked for up to 3 s after the one before.
    std::vector<std::string> patterns;
    std::vector<bool> optional;
    std::stringstream split(patternList);
    for (std::string p; std::getline(split, p, '|');) {
        optional.push_back(!p.empty() && p[0] == '?');
        patterns.push_back(optional.back() ? p.substr(1) : p);
    }
    std::ifstream log(logPath);
    if (!log)
        die("cannot read " + logPath);
    log.seekg(0, std::ios::end);
    std::streampos offset = log.tellg();

    if (actionAt >= argc)
        die("no action given");
    const std::string action = argv[actionAt];
    double start = realNow();
    const Clock::time_point startMono = Clock::now();
    Clock::time_point lastFound = startMono;
    pid_t child = -1;
    if (action == "since") {
        // A process started at that (epoch) time writes a fresh log: read it all.
        if (actionAt + 1 >= argc)
            die("since needs an epoch time");
        start = std::atof(argv[actionAt + 1]);
        offset = 0;
    } else if (action == "rename") {
        if (actionAt + 2 >= argc || ::rename(argv[actionAt + 1], argv[actionAt + 2]) != 0)
            die("rename failed");
    } else if (action == "run") {
        child = startCommand(argv + actionAt + 1);
    } else {
        die("unknown action " + action);
    }
    size_t next = 0;
    std::string pending;
    std::string report;
    double first = -1;
    // Woken by the hub's writes rather than polling every millisecond: a poller
    // would take CPU from the hub and wireguard-go on a 2-core machine while a
    // full sync runs, which `wg syncconf`'s figure does not pay.
    const int notify = ::inotify_init1(IN_CLOEXEC);
    if (notify < 0 || ::inotify_add_watch(notify, logPath.c_str(), IN_MODIFY) < 0)
        die("cannot watch " + logPath);
    while (next < patterns.size()) {
        std::ifstream in(logPath);
        in.seekg(offset);
        std::string chunk((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        offset += std::streamoff(chunk.size());
        pending += chunk;
        size_t newline;
        while (next < patterns.size() && (newline = pending.find('\n')) != std::string::npos) {
            const std::string line = pending.substr(0, newline);
            pending.erase(0, newline + 1);
            if (line.find(patterns[next]) == std::string::npos)
                continue;
            const double at = logLineTime(line);
            if (next == 0)
                first = (at - start) * 1000.0;
            char figure[64];
            std::snprintf(figure, sizeof figure, "%sms%zu %.1f", report.empty() ? "" : " ", next + 1,
                          (at - start) * 1000.0);
            report += figure;
            ++next;
            lastFound = Clock::now();
        }
        if (next == patterns.size())
            break;
        if (optional[next]
            && std::chrono::duration<double, std::milli>(Clock::now() - lastFound).count() > 3000) {
            report += " ms" + std::to_string(next + 1) + " -";
            break;
        }
        if (msSince(startMono) > double(timeoutMs)) {
            std::printf("timeout waiting for '%s' %s\n", patterns[next].c_str(), report.c_str());
            if (child > 0)
                waitCommand(child);
            return 1;
        }
        // Lines carry their own time stamps, so the wait adds nothing to a figure;
        // the timeout bounds it for the optional patterns and the deadline.
        pollfd wake { notify, POLLIN, 0 };
        if (::poll(&wake, 1, 100) > 0) {
            char events[4096];
            (void)!::read(notify, events, sizeof events);
        }
    }
    ::close(notify);
    if (child > 0)
        waitCommand(child);
    // The log's stamps have millisecond resolution; "ms" is the first pattern's.
    std::printf("%s ms %.1f\n", report.c_str(), first);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    if (sodium_init() < 0)
        die("libsodium cannot be initialised");
    const std::string command = argc > 1 ? argv[1] : "";
    if (command == "gen" && argc == 6)
        return gen(argv[2], std::atol(argv[3]), argv[4], argv[5]);
    if (command == "inventory" && argc == 6)
        return inventory(argv[2], std::atol(argv[3]), std::atol(argv[4]), argv[5]);
    if (command == "wgconf" && argc == 5)
        return wgconf(argv[2], std::atol(argv[3]), argv[4]);
    if (command == "get" && argc == 3) {
        const Clock::time_point start = Clock::now();
        std::string answer = uapiGet(argv[2]);
        const double ms = msSince(start);
        std::printf("peers %ld bytes %zu ms %.2f\n", countPeers(answer), answer.size(), ms);
        wipe(answer);
        return 0;
    }
    if (command == "wait" && argc >= 6) {
        const std::string want = argv[3];
        const std::string needle = "public_key=" + base64ToHex(argv[4]) + '\n';
        const bool present = want == "present";
        if (!present && want != "absent")
            die("wait: present or absent");
        return timeChange(argv[2], std::atol(argv[5]), argc, argv, 6, [&](const std::string &answer) {
            return !answer.empty() && (answer.find(needle) != std::string::npos) == present;
        });
    }
    if (command == "count" && argc >= 5) {
        const long want = std::atol(argv[3]);
        if (argc == 5) {
            char none[] = "none";
            char *args[] = { argv[0], argv[1], argv[2], argv[3], argv[4], none };
            return timeChange(argv[2], std::atol(argv[4]), 6, args, 5,
                              [&](const std::string &answer) { return countPeers(answer) >= want; });
        }
        return timeChange(argv[2], std::atol(argv[4]), argc, argv, 5,
                          [&](const std::string &answer) { return countPeers(answer) >= want; });
    }
    if (command == "waitfile" && argc == 5) {
        const Clock::time_point start = Clock::now();
        while (true) {
            std::ifstream in(argv[2], std::ios::binary);
            std::stringstream content;
            content << in.rdbuf();
            if (content.str().find(argv[3]) != std::string::npos)
                break;
            if (msSince(start) > double(std::atol(argv[4]))) {
                std::printf("timeout\n");
                return 1;
            }
            ::usleep(1000);
        }
        std::printf("ms %.2f\n", msSince(start));
        return 0;
    }
    if (command == "logwait" && argc >= 6)
        return logWait(argv[2], std::atol(argv[3]), argv[4], argc, argv, 5);
    if (command == "time" && argc >= 3) {
        const Clock::time_point start = Clock::now();
        const int rc = waitCommand(startCommand(argv + 2));
        std::printf("ms %.2f rc %d\n", msSince(start), rc);
        return rc;
    }
    std::cerr << "usage: see the comment at the top of bench/hubbench.cpp\n";
    return 2;
}
