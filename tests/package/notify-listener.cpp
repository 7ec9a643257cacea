// notify-listener SOCKET OUTPUT: systemd's end of sd_notify for tests that run
// the hub the way its unit would, without systemd. Binds a datagram socket at
// SOCKET and appends every message to OUTPUT as one line (newlines as '|'),
// flushed at once, until SIGTERM.
#include <csignal>
#include <cstdio>
#include <cstring>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: notify-listener SOCKET OUTPUT\n");
        return 2;
    }
    const int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un address {};
    address.sun_family = AF_UNIX;
    if (std::strlen(argv[1]) >= sizeof address.sun_path) {
        std::fprintf(stderr, "notify-listener: socket path too long\n");
        return 1;
    }
    std::strcpy(address.sun_path, argv[1]);
    unlink(argv[1]);
    if (fd < 0 || bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        std::perror("notify-listener: bind");
        return 1;
    }
    std::FILE *out = std::fopen(argv[2], "a");
    if (!out) {
        std::perror("notify-listener: output");
        return 1;
    }
    std::signal(SIGTERM, [](int) { _exit(0); });
    char buffer[4096];
    for (;;) {
        const ssize_t n = recv(fd, buffer, sizeof buffer - 1, 0);
        if (n < 0)
            continue;
        for (ssize_t i = 0; i < n; ++i) {
            if (buffer[i] == '\n')
                buffer[i] = '|';
        }
        buffer[n] = '\0';
        std::fprintf(out, "%s\n", buffer);
        std::fflush(out);
    }
}
