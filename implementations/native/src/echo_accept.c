/*
 * Accepting connections and handing them to the workers.
 *
 * One acceptor (worker 0) deals connections round-robin to every worker's epoll set. We chose this
 * over EPOLLEXCLUSIVE on a shared listening socket because exclusive wake-ups tend to favour the
 * same waiting thread (the kernel wakes the first one queued), and a benchmark needs connections
 * spread evenly; accepting is rare next to echoing, so one acceptor is no bottleneck.
 */
#define _GNU_SOURCE
#include "echo_server.h"
#include "listener.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

/* Gives a new connection to the next worker. After the epoll ADD the acceptor must not touch it. */
static void adopt(struct server *server, int fd)
{
    if ((size_t)fd >= server->connection_slots) {   /* cannot happen: slots = the fd soft limit */
        close(fd);
        return;
    }
    int on = 1;
    /* An echo is small and latency matters: never let Nagle hold a reply back. */
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    struct connection *connection = calloc(1, sizeof *connection);
    if (connection == NULL) {
        close(fd);
        return;
    }
    connection->fd = fd;
    struct worker *owner = &server->workers[server->next_worker++ % (unsigned)server->thread_count];
    atomic_store_explicit(&server->connections[fd], connection, memory_order_release);
    /*
     * epoll_ctl here and epoll_wait in the owner are both syscalls on the same epoll instance, which
     * the kernel serialises: the owner sees the connection fully initialised.
     */
    if (connection_register(server, owner->epoll_fd, connection) != 0) {
        atomic_store_explicit(&server->connections[fd], NULL, memory_order_release);
        close(fd);
        free(connection);
    }
}

void accept_ready(struct worker *worker)
{
    struct server *server = worker->server;
    /* Until EAGAIN: under ET (the listening socket gets the flag too) no edge repeats the rest. */
    for (;;) {
        int fd = accept4(server->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd >= 0) {
            adopt(server, fd);
            continue;
        }
        switch (errno) {
        case EINTR:
        case ECONNABORTED:   /* the client gave up while queued: not our error, go on */
        case EPROTO:
            continue;
        case EMFILE:
        case ENFILE:
            if (shed_one_connection(server->listen_fd, &server->reserve_fd) == 0) continue;
            return;
        default:             /* EAGAIN: the queue is empty; ENOBUFS/ENOMEM: try again on the next event */
            return;
        }
    }
}

void close_all_connections(struct server *server)
{
    for (size_t fd = 0; fd < server->connection_slots; fd++) {
        struct connection *connection =
            atomic_load_explicit(&server->connections[fd], memory_order_acquire);
        if (connection == NULL) continue;
        close(connection->fd);
        free(connection->pending);
        free(connection);
        atomic_store_explicit(&server->connections[fd], NULL, memory_order_relaxed);
    }
}
