/*
 * Opening the load client's connections: all connects started at once, then awaited, so 10,000
 * connections take as long as the server needs to accept them, not 10,000 round trips.
 */
#define _GNU_SOURCE
#include "load_connection.h"
#include "load_options.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

enum { EVENTS_PER_WAIT = 512, CONNECT_TIMEOUT_MS = 5000 };

/* Starts every connect at once, then waits for them all; gives up when none completes for 5 s. */
int connect_all(const struct load_options *options, struct load_connection *connections)
{
    int waiter = epoll_create1(EPOLL_CLOEXEC);
    if (waiter < 0) return -1;
    int waiting = 0;
    for (int i = 0; i < options->connections; i++) {
        struct load_connection *connection = &connections[i];
        connection->index = i;
        connection->pattern_offset = pattern_offset_of(i);
        connection->fd = socket(options->address.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (connection->fd < 0) goto failed;
        int on = 1;
        setsockopt(connection->fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
        if (connect(connection->fd, (const struct sockaddr *)&options->address, options->address_length) == 0) continue;
        if (errno != EINPROGRESS) goto failed;
        struct epoll_event event = { .events = EPOLLOUT, .data.ptr = connection };
        if (epoll_ctl(waiter, EPOLL_CTL_ADD, connection->fd, &event) != 0) goto failed;
        waiting++;
    }
    struct epoll_event events[EVENTS_PER_WAIT];
    while (waiting > 0) {
        int ready = epoll_wait(waiter, events, EVENTS_PER_WAIT, CONNECT_TIMEOUT_MS);
        if (ready == 0) errno = ETIMEDOUT;
        if (ready <= 0 && errno != EINTR) goto failed;
        for (int i = 0; i < ready; i++) {
            struct load_connection *connection = events[i].data.ptr;
            int error = 0;
            socklen_t length = sizeof error;
            getsockopt(connection->fd, SOL_SOCKET, SO_ERROR, &error, &length);
            if (error != 0) {
                errno = error;
                goto failed;
            }
            epoll_ctl(waiter, EPOLL_CTL_DEL, connection->fd, NULL);
            waiting--;
        }
    }
    close(waiter);
    return 0;
failed:
    close(waiter);
    return -1;
}

/* Every connection is a descriptor: take what the hard limit allows, and say so if it is not enough. */
int ensure_descriptors(int connections)
{
    struct rlimit limit;
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 0;
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
    getrlimit(RLIMIT_NOFILE, &limit);
    if (limit.rlim_cur != RLIM_INFINITY && (rlim_t)connections + 64 > limit.rlim_cur) {
        fprintf(stderr, "iobench-load-client: %d connections need more descriptors than the limit %llu\n",
                connections, (unsigned long long)limit.rlim_cur);
        return -1;
    }
    return 0;
}
