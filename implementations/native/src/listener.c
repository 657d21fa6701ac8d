#define _GNU_SOURCE
#include "listener.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

/* Deep enough for a burst of 10,000 connects; the kernel caps it at net.core.somaxconn. */
enum { BACKLOG = 4096 };

static int listener_error(const struct server_options *options, const char *what, int fd)
{
    char where[128];
    format_address((const struct sockaddr *)&options->bind_address, where, sizeof where);
    fprintf(stderr, "iobench: cannot %s %s: %s\n", what, where, strerror(errno));
    if (fd >= 0) close(fd);
    return EXIT_RUNTIME;
}

int open_listener(const struct server_options *options, int *listen_fd)
{
    int family = options->bind_address.ss_family;
    int fd = socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return listener_error(options, "create a socket for", -1);
    /*
     * As the JDK does for every server socket on Linux: a restart may reuse a port whose old
     * connections linger in TIME_WAIT. It does not let two servers listen on one port.
     */
    int on = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    if (bind(fd, (const struct sockaddr *)&options->bind_address, options->bind_length) != 0) {
        return listener_error(options, "bind", fd);
    }
    if (listen(fd, BACKLOG) != 0) return listener_error(options, "listen on", fd);
    *listen_fd = fd;
    return 0;
}

void print_ready_line(const char *impl_id, int listen_fd)
{
    struct sockaddr_storage bound;
    socklen_t length = sizeof bound;
    char where[128] = "?";
    /* Port 0 asked the kernel for any free port: getsockname tells which one we got. */
    if (getsockname(listen_fd, (struct sockaddr *)&bound, &length) == 0) {
        format_address((struct sockaddr *)&bound, where, sizeof where);
    }
    printf("iobench: %s listening on %s\n", impl_id, where);
    fflush(stdout);
}

size_t raise_descriptor_limit(void)
{
    struct rlimit limit;
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;
    if (limit.rlim_cur < limit.rlim_max) {
        struct rlimit raised = { .rlim_cur = limit.rlim_max, .rlim_max = limit.rlim_max };
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
    }
    /* An unlimited hard limit is still capped by fs.nr_open; size tables by something finite. */
    return limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur > (1u << 24) ? (1u << 24) : limit.rlim_cur;
}

int shed_one_connection(int listen_fd, int *reserve_fd)
{
    static atomic_bool warned;
    if (!atomic_exchange(&warned, true)) {
        fprintf(stderr, "iobench: descriptor limit reached: refusing connections beyond it\n");
    }
    if (*reserve_fd < 0) return -1;
    close(*reserve_fd);
    int fd = accept4(listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd >= 0) close(fd);
    *reserve_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
    return fd >= 0 ? 0 : -1;
}
