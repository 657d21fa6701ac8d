/*
 * iobench-echo-server: the seed's epoll echo server done right, shared declarations.
 *
 * One binary serves native-epoll-et and native-epoll-lt (and native-io-uring, see uring_server.h).
 * The two epoll servers run the same code; the only difference is whether EPOLLET is or'ed into
 * every epoll registration (server.trigger_flag), and what follows from it: ET registers a
 * connection for both directions once, LT asks for EPOLLOUT only while bytes are held
 * (echo_connection.c).
 */
#ifndef IOBENCH_ECHO_SERVER_H
#define IOBENCH_ECHO_SERVER_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct server;

/* One accepted client. Touched only by the worker whose epoll set holds it. */
struct connection {
    int fd;
    /* Bytes read but not yet written back (the client is slow to read); NULL when none. */
    char *pending;
    size_t pending_length;
    size_t pending_offset;
    /* With work per message: the message being received (allocated at its first byte) and its fill. */
    char *message;
    size_t message_filled;
};

/* One event loop: its own epoll set and thread. Worker 0 also owns the listening socket. */
struct worker {
    struct server *server;
    int index;
    int epoll_fd;
    pthread_t thread;
    /*
     * Every read lands here and is written back at once, so an idle connection costs no buffer;
     * only bytes the client is not taking yet are copied into the connection (bounded, see echo).
     */
    char *scratch;
};

struct server {
    const char *impl_id;
    uint32_t trigger_flag;      /* EPOLLET for native-epoll-et, 0 for native-epoll-lt */
    size_t buffer_bytes;        /* read size and the bound on a connection's unsent bytes */
    size_t message_bytes;       /* with work: one message, the unit work is done on; 0 without */
    long work_passes;           /* CRC32C passes per message (message_work.h); 0: the plain echo */
    int thread_count;
    int started_threads;        /* how many workers to join at shutdown */
    int listen_fd;
    int wake_fd;                /* eventfd, made readable once to stop every worker */
    int reserve_fd;             /* a spare descriptor, given up to shed a connection at EMFILE */
    unsigned next_worker;       /* round-robin hand-off; only the accepting thread touches it */
    struct worker *workers;
    /* Every open connection by descriptor, so shutdown can close them all after the workers end. */
    _Atomic(struct connection *) *connections;
    size_t connection_slots;
    atomic_bool stopping;
    atomic_bool failed;         /* a worker hit an unexpected error: exit 1 instead of 0 */
};

/* Creates the worker's epoll set, registers the wake (and for worker 0 the listening) descriptor. */
int worker_init(struct worker *worker, struct server *server, int index);

/* The worker thread's body: serves until server->stopping. */
void *worker_run(void *worker);

/* Worker 0, when the listening socket is readable: accepts everything waiting (echo_accept.c). */
void accept_ready(struct worker *worker);

/* Closes every connection still open; call only after all workers have been joined. */
void close_all_connections(struct server *server);

/* A connection's epoll event: echoes, applies backpressure, closes (echo_connection.c). */
void connection_ready(struct worker *worker, struct connection *connection, uint32_t events);

/* Registers a freshly accepted connection with a worker's epoll set; the worker owns it after. */
int connection_register(struct server *server, int epoll_fd, struct connection *connection);

#endif
