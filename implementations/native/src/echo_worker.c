/* A worker: one epoll set, one thread, dispatching ready descriptors until told to stop. */
#define _GNU_SOURCE
#include "echo_server.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

enum { EVENTS_PER_WAIT = 256 };

/* epoll data for the two descriptors that are not connections; only their addresses matter. */
static char listen_tag;
static char wake_tag;

static int watch(int epoll_fd, int fd, uint32_t events, void *tag)
{
    struct epoll_event event = { .events = events, .data.ptr = tag };
    return epoll_ctl(epoll_fd, EPOLL_CTL_ADD, fd, &event);
}

int worker_init(struct worker *worker, struct server *server, int index)
{
    worker->server = server;
    worker->index = index;
    worker->scratch = malloc(server->buffer_bytes);
    worker->epoll_fd = epoll_create1(EPOLL_CLOEXEC);
    if (worker->scratch == NULL || worker->epoll_fd < 0) return -1;
    /*
     * The wake descriptor is level-triggered and never read: once it is written, every worker sees
     * it on each wait until it has left its loop, so no worker can miss the stop.
     */
    if (watch(worker->epoll_fd, server->wake_fd, EPOLLIN, &wake_tag) != 0) return -1;
    if (index == 0 &&
        watch(worker->epoll_fd, server->listen_fd, EPOLLIN | server->trigger_flag, &listen_tag) != 0) {
        return -1;
    }
    return 0;
}

/* Unexpected trouble in a loop: stop the whole server (the main thread waits for this signal). */
static void fail(struct worker *worker, const char *what)
{
    fprintf(stderr, "iobench: worker %d: %s: %s\n", worker->index, what, strerror(errno));
    atomic_store(&worker->server->failed, true);
    kill(getpid(), SIGTERM);
}

void *worker_run(void *arg)
{
    struct worker *worker = arg;
    struct server *server = worker->server;
    struct epoll_event events[EVENTS_PER_WAIT];
    while (!atomic_load_explicit(&server->stopping, memory_order_acquire)) {
        int ready = epoll_wait(worker->epoll_fd, events, EVENTS_PER_WAIT, -1);
        if (ready < 0) {
            if (errno == EINTR) continue;
            fail(worker, "epoll_wait");
            break;
        }
        for (int i = 0; i < ready; i++) {
            void *tag = events[i].data.ptr;
            if (tag == &wake_tag) continue;   /* the loop condition sees the stop */
            if (tag == &listen_tag) {
                accept_ready(worker);
            } else {
                connection_ready(worker, tag, events[i].events);
            }
        }
    }
    return NULL;
}
